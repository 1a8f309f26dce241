package dev.commerce.order.adapter.in.web;

import dev.commerce.order.CancelOrderUseCase;
import dev.commerce.order.GetOrderQuery;
import dev.commerce.order.IdempotencyKeys;
import dev.commerce.order.OrderException;
import dev.commerce.order.OrderResponse;
import dev.commerce.order.OrderView;
import dev.commerce.order.PayOrderCommand;
import dev.commerce.order.PayOrderUseCase;
import dev.commerce.order.PlaceOrderCommand;
import dev.commerce.order.PlaceOrderUseCase;
import dev.commerce.shared.Caller;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/**
 * Orders over HTTP (API.md, "Orders (checkout)"). Bodies are read as JSON trees and checked strictly
 * here (types, unknown fields), so a malformed request is a 400 that changes nothing. A repeated
 * request answers the first response with {@code Idempotent-Replayed: true}.
 */
@RestController
@RequestMapping("/api/v1/orders")
class OrderController {

    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";
    public static final String IDEMPOTENT_REPLAYED = "Idempotent-Replayed";

    private final PlaceOrderUseCase placeOrder;
    private final PayOrderUseCase payOrder;
    private final CancelOrderUseCase cancelOrder;
    private final GetOrderQuery getOrder;
    private final OrderRequestMetrics metrics;

    OrderController(PlaceOrderUseCase placeOrder, PayOrderUseCase payOrder, CancelOrderUseCase cancelOrder,
            GetOrderQuery getOrder, OrderRequestMetrics metrics) {
        this.placeOrder = placeOrder;
        this.payOrder = payOrder;
        this.cancelOrder = cancelOrder;
        this.getOrder = getOrder;
        this.metrics = metrics;
    }

    /** Checks in order: JSON well formed (Spring), the key, then the fields. */
    @PostMapping(consumes = MediaType.APPLICATION_JSON_VALUE, produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<OrderView> place(Caller caller, @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
            @RequestBody JsonNode body, HttpServletResponse servletResponse) {
        OrderResponse response = answer("placed", metrics::placed, servletResponse, () -> {
            IdempotencyKeys.requireValid(key);
            return placeOrder.place(caller, placeCommand(key, body));
        });
        return created(response);
    }

    @PostMapping(path = "/{id}/payment", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<OrderView> pay(Caller caller, @PathVariable String id,
            @RequestHeader(name = IDEMPOTENCY_KEY, required = false) String key,
            @RequestBody(required = false) JsonNode body, HttpServletResponse servletResponse) {
        OrderResponse response = answer("paid", metrics::paid, servletResponse, () -> {
            IdempotencyKeys.requireValid(key);
            if (body != null && !(body.isObject() && body.isEmpty())) {
                throw OrderException.invalidRequest("the body of a payment is {}: the amount is the order's");
            }
            return payOrder.pay(caller, new PayOrderCommand(key, id));
        });
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(response.status());
        if (response.replayed()) {
            answer.header(IDEMPOTENT_REPLAYED, "true");
        }
        return answer.body(response.order());
    }

    @PostMapping(path = "/{id}/cancel", produces = MediaType.APPLICATION_JSON_VALUE)
    OrderView cancel(Caller caller, @PathVariable String id) {
        return cancelOrder.cancel(caller, id);
    }

    @GetMapping(path = "/{id}", produces = MediaType.APPLICATION_JSON_VALUE)
    OrderView get(Caller caller, @PathVariable String id) {
        return getOrder.getOrder(caller, id);
    }

    /**
     * Runs the request and counts its outcome ({@code orders.placed} or {@code orders.payments}):
     * {@code success}, {@code replayed} (a repeated key, whether its first answer was a success or a
     * refusal), the refusal's code ({@link OrderRequestMetrics#outcomeOf}), or {@code error} for anything else.
     */
    private OrderResponse answer(String success, Consumer<String> count, HttpServletResponse servletResponse,
            Supplier<OrderResponse> work) {
        try {
            OrderResponse response = work.get();
            count.accept(response.replayed() ? "replayed" : success);
            return response;
        } catch (OrderException e) {
            if (e.replayed()) {
                // the problem itself is written by the common advice; the header says it is a replay
                servletResponse.setHeader(IDEMPOTENT_REPLAYED, "true");
            }
            count.accept(e.replayed() ? "replayed" : OrderRequestMetrics.outcomeOf(e.code()));
            throw e;
        } catch (RuntimeException e) {
            count.accept("error");
            throw e;
        }
    }

    private static ResponseEntity<OrderView> created(OrderResponse response) {
        ResponseEntity.BodyBuilder answer = ResponseEntity.status(response.status())
                .location(URI.create("/api/v1/orders/" + response.order().id()));
        if (response.replayed()) {
            answer.header(IDEMPOTENT_REPLAYED, "true");
        }
        return answer.body(response.order());
    }

    private static PlaceOrderCommand placeCommand(String key, JsonNode body) {
        if (body == null || !body.isObject()) {
            throw OrderException.invalidRequest("the body must be a JSON object");
        }
        onlyFields(body, Set.of("lines", "couponId"));
        JsonNode lines = body.get("lines");
        if (lines == null || lines.isNull()) {
            throw OrderException.invalidRequest("lines is required");
        }
        if (!lines.isArray()) {
            throw OrderException.invalidRequest("lines must be an array");
        }
        if (lines.size() > PlaceOrderCommand.MAX_LINES) {
            throw OrderException.invalidRequest("lines must have at most " + PlaceOrderCommand.MAX_LINES + " entries");
        }
        List<PlaceOrderCommand.Line> parsed = new ArrayList<>();
        for (JsonNode line : lines) {
            if (!line.isObject()) {
                throw OrderException.invalidRequest("each line must be an object");
            }
            onlyFields(line, Set.of("sku", "quantity"));
            parsed.add(new PlaceOrderCommand.Line(string(line.get("sku"), "sku"), quantity(line.get("quantity"))));
        }
        JsonNode coupon = body.get("couponId");
        String couponId = coupon == null || coupon.isNull() ? null : string(coupon, "couponId");
        return new PlaceOrderCommand(key, parsed, couponId);
    }

    private static void onlyFields(JsonNode object, Set<String> allowed) {
        for (String name : object.propertyNames()) {
            if (!allowed.contains(name)) {
                throw OrderException.invalidRequest("unknown field " + name);
            }
        }
    }

    private static String string(JsonNode value, String field) {
        if (value == null || value.isNull()) {
            throw OrderException.invalidRequest(field + " is required");
        }
        if (!value.isString()) {
            throw OrderException.invalidRequest(field + " must be a string");
        }
        return value.stringValue();
    }

    private static int quantity(JsonNode value) {
        if (value == null || value.isNull()) {
            throw OrderException.invalidRequest("quantity is required");
        }
        if (!value.isIntegralNumber() || !value.canConvertToInt()) {
            throw OrderException.invalidRequest("quantity must be an integer between 1 and "
                    + PlaceOrderCommand.MAX_LINE_QUANTITY);
        }
        return value.intValue();
    }
}
