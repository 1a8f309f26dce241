package dev.commerce.architecture;


import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The boundary rules hold for the production code of every module. */
class ArchitectureTest {

    static final String ROOT = "dev.commerce";
    private static JavaClasses production;

    @BeforeAll
    static void importProductionClasses() {
        production = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                // a module's test jar (payment-module's IdempotencyStoreContract and its twins) is test code too
                .withImportOption(location -> !location.contains("-tests.jar"))
                .importPackages(ROOT);
    }

    @Test
    void domain_and_application_code_is_free_of_frameworks() {
        BoundaryRules.domainAndApplicationAreFrameworkFree(ROOT).check(production);
    }

    @Test
    void domain_and_application_code_does_not_depend_on_adapters() {
        BoundaryRules.applicationDoesNotDependOnAdapters(ROOT).check(production);
    }

    @Test
    void nothing_but_the_application_depends_on_the_order_module() {
        // checkout sits on top: it calls inventory, payment and coupon; none of them may call back
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses()
                .that().resideInAnyPackage(ROOT + ".inventory..", ROOT + ".payment..", ROOT + ".coupon..",
                        ROOT + ".shared..", ROOT + ".infra..")
                .should().dependOnClassesThat().resideInAPackage(ROOT + ".order..")
                .check(production);
    }

    @Test
    void modules_reach_each_other_only_through_their_api() {
        BoundaryRules.modulesUseOnlyEachOthersApi(ROOT).check(production);
    }

    @Test
    void adapter_packages_do_not_depend_on_each_other() {
        BoundaryRules.adaptersDoNotDependOnEachOther(ROOT).check(production);
    }

    @Test
    void inbound_adapters_reach_the_application_only_through_use_cases() {
        BoundaryRules.inboundAdaptersUseOnlyUseCases(ROOT).check(production);
    }
}
