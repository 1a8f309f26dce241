package dev.commerce.coupon.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.commerce.coupon.CouponException;
import dev.commerce.coupon.IssueCouponCommand;
import dev.commerce.coupon.IssuedCouponView;
import dev.commerce.shared.Caller;
import dev.commerce.shared.CommonErrorCode;
import dev.commerce.shared.DomainException;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class CouponCatalogTest {

    private final Coupons coupons = new Coupons();

    @Test
    void a_buyer_lists_their_own_coupons_and_is_forbidden_anothers() {
        String coupon = coupons.aCoupon(5).id();
        coupons.issuer.issue(new IssueCouponCommand(coupon, 42));

        assertThat(coupons.catalog.listUserCoupons(Caller.buyer(42), 42, 0, 50)).hasSize(1);
        assertThatThrownBy(() -> coupons.catalog.listUserCoupons(Caller.buyer(43), 42, 0, 50))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(CommonErrorCode.FORBIDDEN));
        assertThat(coupons.catalog.listUserCoupons(Caller.administrator(1), 42, 0, 50)).hasSize(1);
    }

    @Test
    void the_list_comes_in_pages_oldest_first_and_a_page_is_bounded() {
        List<String> ids = IntStream.range(0, 5).mapToObj(i -> coupons.aCoupon(1).id()).toList();
        ids.forEach(id -> coupons.issuer.issue(new IssueCouponCommand(id, 7)));
        Caller buyer = Caller.buyer(7);

        List<IssuedCouponView> all = coupons.catalog.listUserCoupons(buyer, 7, 0, 200);
        List<IssuedCouponView> paged = IntStream.range(0, 3)
                .mapToObj(page -> coupons.catalog.listUserCoupons(buyer, 7, page, 2))
                .peek(page -> assertThat(page.size()).isLessThanOrEqualTo(2))
                .flatMap(List::stream).toList();

        assertThat(all).extracting(IssuedCouponView::couponId).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(paged).containsExactlyElementsOf(all);
        assertThat(coupons.catalog.listUserCoupons(buyer, 7, 3, 2)).isEmpty();
        for (int[] bad : new int[][] {{-1, 2}, {0, 0}, {0, 201}}) {
            assertThatThrownBy(() -> coupons.catalog.listUserCoupons(buyer, 7, bad[0], bad[1]))
                    .isInstanceOf(CouponException.class);
        }
    }

    @Test
    void a_buyer_asks_for_a_copy_for_themselves_and_only_an_administrator_for_another_user() {
        assertThat(IssueCouponCommand.by(Caller.buyer(42), "c", null).userId()).isEqualTo(42);
        assertThat(IssueCouponCommand.by(Caller.buyer(42), "c", 42L).userId()).isEqualTo(42);
        assertThat(IssueCouponCommand.by(Caller.administrator(1), "c", 42L).userId()).isEqualTo(42);
        assertThatThrownBy(() -> IssueCouponCommand.by(Caller.buyer(43), "c", 42L))
                .isInstanceOfSatisfying(DomainException.class,
                        e -> assertThat(e.code()).isEqualTo(CommonErrorCode.FORBIDDEN));
    }
}
