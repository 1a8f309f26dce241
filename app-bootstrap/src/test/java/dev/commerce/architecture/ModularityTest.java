package dev.commerce.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import dev.commerce.CommerceApplication;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.modulith.core.ApplicationModules;
import org.springframework.modulith.docs.Documenter;

/** Spring Modulith's view of the application: modules verified, diagrams written to docs/. */
class ModularityTest {

    /** test-support ({@code dev.commerce.testing}) is on the test classpath only: a helper of tests, not a module. */
    private final ApplicationModules modules = ApplicationModules.of(CommerceApplication.class,
            JavaClass.Predicates.resideInAPackage("dev.commerce.testing.."));

    @Test
    void modules_respect_their_boundaries() {
        modules.verify();
    }

    @Test
    void module_documentation_is_written_to_docs() {
        new Documenter(modules, Documenter.Options.defaults().withOutputFolder("../docs/modules"))
                .writeModulesAsPlantUml()
                .writeIndividualModulesAsPlantUml()
                .writeModuleCanvases();

        Path overview = Path.of("../docs/modules/components.puml");
        assertThat(overview).exists();
        assertThat(overview).content().contains("Inventory");
        modules.forEach(module -> assertThat(Path.of("../docs/modules/module-" + module.getIdentifier() + ".puml"))
                .content().contains(module.getDisplayName()));
    }
}
