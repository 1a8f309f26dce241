package dev.commerce.platform.production;

import java.util.List;
import java.util.stream.Collectors;

/**
 * The production profile is active and some of what it requires is not configured; names all of
 * it at once, so that one restart is enough to fix it.
 */
public class MissingProductionConfigurationException extends IllegalStateException {

    private final List<ProductionRequirement> missing;

    public MissingProductionConfigurationException(List<ProductionRequirement> missing) {
        super("The '" + ProductionConfigurationCheck.PROFILE + "' profile is active but not configured: "
                + missing.stream().map(requirement -> requirement.subject() + " (" + requirement.properties() + ")")
                        .collect(Collectors.joining("; ")));
        this.missing = List.copyOf(missing);
    }

    public List<ProductionRequirement> missing() {
        return missing;
    }
}
