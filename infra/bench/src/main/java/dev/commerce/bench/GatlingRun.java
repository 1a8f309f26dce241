package dev.commerce.bench;

import io.gatling.app.Gatling$;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Runs one Gatling simulation in this JVM. Its statistics are taken from {@link Outcomes}, which
 * the simulation fed with every answer; Gatling's own HTML report stays in the results folder.
 */
final class GatlingRun {

    private GatlingRun() {
    }

    static LatencyStats run(Class<?> simulation, Path resultsFolder, String description) throws IOException {
        Files.createDirectories(resultsFolder);
        Outcomes.reset();
        int status = Gatling$.MODULE$.fromArgs(new String[] {
            "--simulation", simulation.getName(),
            "--results-folder", resultsFolder.toString(),
            "--run-description", description
        });
        if (status != 0) {
            throw new IllegalStateException("Gatling run of " + simulation.getSimpleName() + " ended with " + status);
        }
        return Outcomes.stats();
    }
}
