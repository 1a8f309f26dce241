package dev.commerce.platform.production;

import java.util.stream.Collectors;
import org.springframework.boot.diagnostics.AbstractFailureAnalyzer;
import org.springframework.boot.diagnostics.FailureAnalysis;

/**
 * Turns a refused production start into Spring Boot's "APPLICATION FAILED TO START" report: what
 * is missing, and the settings that would supply it.
 */
class MissingProductionConfigurationFailureAnalyzer extends AbstractFailureAnalyzer<MissingProductionConfigurationException> {

    @Override
    protected FailureAnalysis analyze(Throwable rootFailure, MissingProductionConfigurationException cause) {
        String description = "The production profile '" + ProductionConfigurationCheck.PROFILE + "' is active: the"
                + " service starts no database, Redis, payment gateway simulator or token issuer of its own, so each"
                + " must be configured. Not configured:\n\n"
                + cause.missing().stream()
                        .map(requirement -> "    - " + requirement.subject() + ": " + requirement.properties())
                        .collect(Collectors.joining("\n"));
        String action = "Set " + (cause.missing().size() == 1 ? "it" : "each of them") + ", for example as an"
                + " environment variable:\n\n"
                + cause.missing().stream().map(requirement -> "    " + requirement.example())
                        .collect(Collectors.joining("\n"))
                + "\n\nor start without the '" + ProductionConfigurationCheck.PROFILE + "' profile (local mode), which"
                + " starts its own PostgreSQL and Redis, the gateway simulator and a local token issuer.";
        return new FailureAnalysis(description, action, cause);
    }
}
