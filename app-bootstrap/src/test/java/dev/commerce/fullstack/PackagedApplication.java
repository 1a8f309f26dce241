package dev.commerce.fullstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The packaged application jar: failsafe runs after {@code package}. */
public final class PackagedApplication {

    private PackagedApplication() {
    }

    public static Path jar() {
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(path -> path.getFileName().toString().matches("app-bootstrap-.*\\.jar"))
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no packaged jar in target/: run ./mvnw verify"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
