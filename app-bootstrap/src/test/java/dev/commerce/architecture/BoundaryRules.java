package dev.commerce.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import java.util.Optional;

/**
 * The hexagon's rules, written once against a root package so that the same rule runs on the
 * production code ({@code dev.commerce}) and on deliberate violations in test fixtures.
 * A module is a direct sub-package of the root; its API is that package itself.
 */
final class BoundaryRules {

    static final String[] FRAMEWORK_PACKAGES = {
        "org.springframework..", "jakarta.persistence..", "jakarta.transaction..", "org.hibernate..", "org.redisson.."
    };

    private BoundaryRules() {
    }

    static ArchRule domainAndApplicationAreFrameworkFree(String root) {
        return noClasses().that().resideInAnyPackage(root + ".*.domain..", root + ".*.application..")
                .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORK_PACKAGES)
                .as("domain and application code is plain Java: no Spring, JPA, Hibernate or Redisson");
    }

    static ArchRule applicationDoesNotDependOnAdapters(String root) {
        return noClasses().that().resideInAnyPackage(root + ".*.domain..", root + ".*.application..")
                .should().dependOnClassesThat().resideInAnyPackage(root + ".*.adapter..")
                .as("domain and application code does not depend on adapters");
    }

    /**
     * Each {@code <root>.<module>.adapter.(in|out).<name>} package, with its sub-packages, is one
     * adapter (after buckpal's {@code Adapters.dontDependOnEachOther}); adapters meet only at ports
     * and use cases. The module's root {@code adapter} package (shared properties) is no slice, so
     * every adapter may use it.
     */
    static ArchRule adaptersDoNotDependOnEachOther(String root) {
        return slices().matching(root + ".(*).adapter.(*).(*)..").namingSlices("adapter $1.$2.$3")
                .should().notDependOnEachOther()
                .as("adapter packages do not depend on each other");
    }

    /**
     * Web controllers, listeners and scheduled jobs drive the module through its API (use-case
     * interfaces, commands, views, exceptions), never through a service or an outbound adapter.
     */
    static ArchRule inboundAdaptersUseOnlyUseCases(String root) {
        return noClasses().that().resideInAPackage(root + ".*.adapter.in..")
                .should().dependOnClassesThat().resideInAnyPackage(root + ".*.adapter.out..", root + ".*.application..")
                .as("inbound adapters reach the application only through use cases");
    }

    static ArchRule modulesUseOnlyEachOthersApi(String root) {
        return classes().that().resideInAPackage(root + ".*..")
                .should(onlyReachOtherModulesThroughTheirApi(root))
                .as("a module reaches another module only through its API package");
    }

    private static ArchCondition<JavaClass> onlyReachOtherModulesThroughTheirApi(String root) {
        return new ArchCondition<>("only depend on the API package of other modules") {
            @Override
            public void check(JavaClass origin, ConditionEvents events) {
                String originModule = moduleOf(root, origin.getPackageName()).orElseThrow();
                for (Dependency dependency : origin.getDirectDependenciesFromSelf()) {
                    String targetPackage = dependency.getTargetClass().getPackageName();
                    Optional<String> targetModule = moduleOf(root, targetPackage);
                    boolean internalOfAnother = targetModule.isPresent()
                            && !targetModule.get().equals(originModule)
                            && !targetPackage.equals(root + "." + targetModule.get());
                    if (internalOfAnother) {
                        events.add(SimpleConditionEvent.violated(dependency, dependency.getDescription()));
                    }
                }
            }
        };
    }

    /** "dev.commerce.inventory.domain" under root "dev.commerce" belongs to module "inventory". */
    static Optional<String> moduleOf(String root, String packageName) {
        if (!packageName.startsWith(root + ".")) {
            return Optional.empty();
        }
        String rest = packageName.substring(root.length() + 1);
        int dot = rest.indexOf('.');
        return Optional.of(dot < 0 ? rest : rest.substring(0, dot));
    }
}
