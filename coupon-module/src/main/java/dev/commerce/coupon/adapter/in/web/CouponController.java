package dev.commerce.coupon.adapter.in.web;

import dev.commerce.coupon.CouponException;
import dev.commerce.coupon.CouponView;
import dev.commerce.coupon.CreateCouponCommand;
import dev.commerce.coupon.CreateCouponUseCase;
import dev.commerce.coupon.GetCouponQuery;
import dev.commerce.coupon.IssueCouponCommand;
import dev.commerce.coupon.IssueCouponUseCase;
import dev.commerce.coupon.IssuedCouponView;
import dev.commerce.coupon.ListUserCouponsQuery;
import dev.commerce.coupon.adapter.CouponProperties;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import dev.commerce.shared.Caller;

/**
 * Coupons over HTTP. Validation lives in the command records; this only translates, and counts
 * each issue request by outcome ({@code coupon.issue}, tags {@code outcome} and {@code strategy},
 * the active {@code commerce.coupon.strategy}), the same way for every strategy.
 */
@RestController
@RequestMapping(path = "/api/v1", produces = MediaType.APPLICATION_JSON_VALUE)
public class CouponController {

    private final CreateCouponUseCase createCoupon;
    private final GetCouponQuery getCoupon;
    private final IssueCouponUseCase issueCoupon;
    private final ListUserCouponsQuery listUserCoupons;
    private final MeterRegistry meters;
    private final String strategy;

    public CouponController(CreateCouponUseCase createCoupon, GetCouponQuery getCoupon, IssueCouponUseCase issueCoupon,
            ListUserCouponsQuery listUserCoupons, MeterRegistry meters, CouponProperties properties) {
        this.createCoupon = createCoupon;
        this.getCoupon = getCoupon;
        this.issueCoupon = issueCoupon;
        this.listUserCoupons = listUserCoupons;
        this.meters = meters;
        this.strategy = properties.strategy().name().toLowerCase(Locale.ROOT);
        for (String outcome : List.of("issued", "sold_out", "already_issued", "lock_unavailable")) {
            issueCounter(outcome);
        }
    }

    @PostMapping(path = "/coupons", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<CouponView> create(@RequestBody CreateCouponRequest request) {
        CouponView coupon = createCoupon.create(new CreateCouponCommand(request.name(),
                required(request.totalQuantity(), "totalQuantity"),
                request.discount() == null ? 0 : request.discount()));
        return ResponseEntity.created(URI.create("/api/v1/coupons/" + coupon.id())).body(coupon);
    }

    @GetMapping("/coupons/{couponId}")
    CouponView get(@PathVariable String couponId) {
        return getCoupon.getCoupon(couponId);
    }

    @PostMapping(path = "/coupons/{couponId}/issues", consumes = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<IssuedCouponView> issue(@PathVariable String couponId, @RequestBody IssueRequest request,
            Caller caller) {
        IssueCouponCommand command = IssueCouponCommand.by(caller, couponId, request.userId());
        IssuedCouponView issued;
        try {
            issued = issueCoupon.issue(command);
        } catch (CouponException e) {
            String outcome = switch (e.code()) {
                case COUPON_SOLD_OUT -> "sold_out";
                case COUPON_ALREADY_ISSUED -> "already_issued";
                case LOCK_UNAVAILABLE -> "lock_unavailable";
                default -> e.code().name().toLowerCase(Locale.ROOT);
            };
            issueCounter(outcome).increment();
            throw e;
        }
        issueCounter("issued").increment();
        return ResponseEntity.created(URI.create("/api/v1/users/" + issued.userId() + "/coupons")).body(issued);
    }

    /** A page of the user's coupons ({@code ?page=0&size=50}, size at most 200), oldest first. */
    @GetMapping("/users/{userId}/coupons")
    List<IssuedCouponView> listForUser(@PathVariable String userId,
            @RequestParam(name = "page", defaultValue = "0") String page,
            @RequestParam(name = "size", defaultValue = "" + ListUserCouponsQuery.DEFAULT_PAGE_SIZE) String size,
            Caller caller) {
        return listUserCoupons.listUserCoupons(caller, integer(userId, "userId"), small(page, "page"),
                small(size, "size"));
    }

    /** An int parameter; one out of int range is answered as invalid by the query (-1). */
    private static int small(String value, String name) {
        long parsed = integer(value, name);
        return parsed > Integer.MAX_VALUE ? -1 : (int) parsed;
    }

    private static long integer(String value, String name) {
        try {
            return value.length() > 18 ? -1 : Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw CouponException.invalidRequest(name + " must be an integer");
        }
    }

    private Counter issueCounter(String outcome) {
        return Counter.builder("coupon.issue").description("Coupon issue requests by outcome")
                .tag("outcome", outcome).tag("strategy", strategy).register(meters);
    }

    private static <T> T required(T value, String field) {
        if (value == null) {
            throw CouponException.invalidRequest(field + " is required");
        }
        return value;
    }

    /**
     * Boxed so that a missing field is reported as such rather than read as zero; {@code discount} is
     * optional (absent or null: 0).
     */
    record CreateCouponRequest(String name, Integer totalQuantity, Long discount) {
    }

    record IssueRequest(Long userId) {
    }
}
