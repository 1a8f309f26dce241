package dev.commerce.fullstack.redis;

import static dev.commerce.fullstack.coupon.CouponFixtures.issue;
import static org.assertj.core.api.Assertions.assertThat;

import dev.commerce.fullstack.ApiClient.Response;

/** Issuing helpers shared by the topology tests. */
final class Issuing {

    private Issuing() {
    }

    /**
     * New buyers from {@code firstUser} on, one at a time on alternating instances, take the
     * coupon's remaining copies until it is sold out (at most {@code atMost} of them); each is
     * answered 201 or, at the end, {@code COUPON_SOLD_OUT}. The number issued.
     */
    static int drainUntilSoldOut(ServiceInstances instances, String coupon, long firstUser, int atMost) {
        int issued = 0;
        for (int buyer = 0; buyer <= atMost; buyer++) {
            Response response = issue(instances.client(buyer % instances.size()), coupon, firstUser + buyer);
            if (response.code().equals("COUPON_SOLD_OUT")) {
                return issued;
            }
            assertThat(response.status()).as(response.body()).isEqualTo(201);
            issued++;
        }
        throw new AssertionError("coupon " + coupon + " not sold out after " + atMost + " more copies");
    }
}
