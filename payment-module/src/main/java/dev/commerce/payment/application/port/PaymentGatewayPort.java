package dev.commerce.payment.application.port;

import java.util.Optional;

/**
 * The external payment gateway. It charges at most once per idempotency key (a repeated charge
 * with a known key returns the first charge) and can be asked what it did with a key. The keys it
 * gets are the forwarded ones ({@link dev.commerce.payment.domain.IdempotencyKey#forGateway()}),
 * so that two users' requests with the same client key are two charges.
 */
public interface PaymentGatewayPort {

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
}
