package dev.commerce.payment.application.port;

import java.util.Optional;

/**
 * The external payment gateway. It charges at most once per idempotency key (a repeated charge
 * with a known key returns the first charge) and can be asked what it did with a key. The keys it
 * gets are the forwarded ones ({@link dev.commerce.payment.domain.IdempotencyKey#forGateway()}),
 * so that two users' requests with the same client key are two charges. Refunds work the same
 * way, under keys of their own.
 */
public interface PaymentGateway {

    /**
     * Charges, forwarding {@code request.idempotencyKey()}.
     *
     * @return the charge, approved or declined
     * @throws GatewayException with {@link GatewayException.Outcome#NOT_CHARGED} when the request
     *                          surely never reached the gateway, else with an unknown outcome
     */
    GatewayCharge charge(GatewayChargeRequest request);

    /**
     * The charge the gateway made for the key, if any.
     *
     * @throws GatewayException when the gateway could not answer
     */
    Optional<GatewayCharge> findByKey(String idempotencyKey);

    /**
     * Refunds (part of) an approved charge, forwarding {@code request.idempotencyKey()}: a repeated
     * key returns the first refund and refunds nothing more, so a refund is safe to send again.
     *
     * @throws GatewayRefusedException when the gateway refused it (unknown or declined charge, more
     *                                 than the charge's amount): nothing was refunded
     * @throws GatewayException        when the gateway gave no usable answer (it may have refunded;
     *                                 the same key again settles it)
     */
    GatewayRefund refund(GatewayRefundRequest request);

    /**
     * The refund the gateway made for the key, if any.
     *
     * @throws GatewayException when the gateway could not answer
     */
    Optional<GatewayRefund> findRefundByKey(String refundKey);
}
