package dev.commerce.architecture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.EvaluationResult;
import fixture.arch.shop.billing.BillingApi;
import fixture.arch.shop.billing.adapter.BillingAdapterProperties;
import fixture.arch.shop.billing.adapter.in.web.InvoicePage;
import fixture.arch.shop.billing.adapter.out.mail.InvoiceMailer;
import fixture.arch.shop.orders.OrdersApi;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.core.Violations;

/**
 * Every boundary rule fails on a deliberate violation (fixtures under {@code fixture.*} in test
 * sources) and names the offending class, so no rule can silently check nothing.
 */
class ArchitectureRulesSelfTest {

    static final String FIXTURE_ROOT = "fixture.arch.shop";
    private static JavaClasses fixtures;

    @BeforeAll
    static void importFixtures() {
        fixtures = new ClassFileImporter().importPackages(FIXTURE_ROOT);
    }

    @Test
    void framework_free_rule_fails_on_a_spring_annotated_domain_class() {
        assertFailsNaming(BoundaryRules.domainAndApplicationAreFrameworkFree(FIXTURE_ROOT),
                "fixture.arch.shop.orders.domain.Order");
    }

    @Test
    void adapter_rule_fails_on_application_code_calling_an_adapter() {
        assertFailsNaming(BoundaryRules.applicationDoesNotDependOnAdapters(FIXTURE_ROOT),
                "fixture.arch.shop.orders.application.OrderLoader");
    }

    @Test
    void module_api_rule_fails_on_a_module_reaching_into_another_modules_domain() {
        assertFailsNaming(BoundaryRules.modulesUseOnlyEachOthersApi(FIXTURE_ROOT),
                "fixture.arch.shop.billing.application.InvoiceMaker");
    }

    @Test
    void module_api_rule_accepts_a_module_using_another_modules_api() {
        JavaClasses apiOnly = new ClassFileImporter().importClasses(BillingApi.class, OrdersApi.class);
        assertThat(BoundaryRules.modulesUseOnlyEachOthersApi(FIXTURE_ROOT).evaluate(apiOnly).hasViolation())
                .isFalse();
    }

    @Test
    void adapter_slices_rule_fails_on_an_adapter_using_a_sibling_adapter() {
        assertFailsNaming(BoundaryRules.adaptersDoNotDependOnEachOther(FIXTURE_ROOT),
                "fixture.arch.shop.orders.adapter.out.cache.CachingOrderMailer");
    }

    @Test
    void adapter_slices_rule_accepts_adapters_sharing_only_the_modules_adapter_properties() {
        assertHolds(BoundaryRules.adaptersDoNotDependOnEachOther(FIXTURE_ROOT), cleanBillingAdapters());
    }

    @Test
    void inbound_adapter_rule_fails_on_a_page_calling_a_service_and_an_outbound_adapter() {
        ArchRule rule = BoundaryRules.inboundAdaptersUseOnlyUseCases(FIXTURE_ROOT);
        assertFailsNaming(rule, "fixture.arch.shop.orders.application.OrderLoader");
        assertFailsNaming(rule, "fixture.arch.shop.orders.adapter.out.mail.OrderMailer");
    }

    @Test
    void inbound_adapter_rule_accepts_a_page_driving_the_modules_api() {
        assertHolds(BoundaryRules.inboundAdaptersUseOnlyUseCases(FIXTURE_ROOT), cleanBillingAdapters());
    }

    @Test
    void modulith_verification_fails_on_a_module_using_another_modules_internal_type() {
        // the fixtures live in test sources, which Modulith skips unless told otherwise
        ImportOption includeTestClasses = location -> true;
        ApplicationModules modules = ApplicationModules.of("fixture.modulith.shop", includeTestClasses);
        assertThatThrownBy(modules::verify)
                .isInstanceOf(Violations.class)
                .hasMessageContaining("fixture.modulith.shop.billing.Billing")
                .hasMessageContaining("OrderEntity");
    }

    private static JavaClasses cleanBillingAdapters() {
        return new ClassFileImporter().importClasses(InvoicePage.class, InvoiceMailer.class,
                BillingAdapterProperties.class, BillingApi.class, OrdersApi.class);
    }

    private static void assertHolds(ArchRule rule, JavaClasses classes) {
        EvaluationResult result = rule.evaluate(classes);
        assertThat(result.hasViolation()).as("rule '%s' must hold: %s", rule.getDescription(),
                result.getFailureReport().getDetails()).isFalse();
    }

    private static void assertFailsNaming(ArchRule rule, String offendingClass) {
        EvaluationResult result = rule.evaluate(fixtures);
        assertThat(result.hasViolation()).as("rule '%s' must fail on the fixtures", rule.getDescription()).isTrue();
        assertThat(result.getFailureReport().getDetails()).anySatisfy(line -> assertThat(line).contains(offendingClass));
    }
}
