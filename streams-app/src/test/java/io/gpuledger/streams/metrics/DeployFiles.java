package io.gpuledger.streams.metrics;

import java.nio.file.Files;
import java.nio.file.Path;

/** Paths of the repository's {@code deploy/} folder, from the streams-app module where Maven runs the tests. */
final class DeployFiles {

    static final Path DEPLOY = locate();

    private DeployFiles() {
    }

    private static Path locate() {
        for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("deploy")) && Files.isRegularFile(dir.resolve("pom.xml"))
                    && Files.isDirectory(dir.resolve("streams-app"))) {
                return dir.resolve("deploy");
            }
        }
        throw new AssertionError("no deploy/ folder above " + Path.of("").toAbsolutePath());
    }
}
