package io.gpuledger.testing;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells whether Testcontainers can start containers, without hanging or logging pages of errors where no Docker
 * engine runs. A {@code docker} client binary alone proves nothing, so the probe first looks for something to talk
 * to (DOCKER_HOST, a Testcontainers configuration, a Docker socket); only then does it ask Testcontainers, in a
 * thread with a deadline.
 */
final class DockerProbe {

    private static final Logger LOG = LoggerFactory.getLogger(DockerProbe.class);
    private static final long TESTCONTAINERS_PROBE_SECONDS = 30;

    private DockerProbe() {
    }

    /** True when Testcontainers answers that Docker is available. */
    static boolean dockerAvailable() {
        Path home = Path.of(System.getProperty("user.home", "/nonexistent"));
        if (!anEngineMightListen(System.getenv(), home, defaultSockets(home))) {
            LOG.debug("no DOCKER_HOST, Testcontainers configuration or Docker socket: Docker not available");
            return false;
        }
        return askTestcontainers();
    }

    /** The cheap pre-check; arguments are explicit so that it can be tested. */
    static boolean anEngineMightListen(Map<String, String> env, Path home, List<Path> sockets) {
        if (!isBlank(env.get("DOCKER_HOST"))) {
            return true;
        }
        if (testcontainersConfigNamesADockerHost(home.resolve(".testcontainers.properties"))) {
            return true;
        }
        return sockets.stream().anyMatch(Files::exists);
    }

    static List<Path> defaultSockets(Path home) {
        List<Path> sockets = new ArrayList<>(List.of(
                Path.of("/var/run/docker.sock"),
                Path.of("/run/docker.sock"),
                home.resolve(".docker/run/docker.sock"),
                home.resolve(".docker/desktop/docker.sock"),
                home.resolve(".colima/default/docker.sock"),
                home.resolve(".rd/docker.sock")));
        String runtimeDir = System.getenv("XDG_RUNTIME_DIR");
        if (!isBlank(runtimeDir)) {
            sockets.add(Path.of(runtimeDir, "docker.sock"));
            sockets.add(Path.of(runtimeDir, "podman/podman.sock"));
        }
        return sockets;
    }

    private static boolean testcontainersConfigNamesADockerHost(Path file) {
        if (!Files.isRegularFile(file)) {
            return false;
        }
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            props.load(in);
        } catch (IOException e) {
            return false;
        }
        return !isBlank(props.getProperty("docker.host")) || !isBlank(props.getProperty("docker.client.strategy"));
    }

    private static boolean askTestcontainers() {
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread thread = new Thread(r, "docker-probe");
            thread.setDaemon(true);
            return thread;
        });
        try {
            Future<Boolean> answer = executor.submit(TestcontainersKafka::dockerAvailable);
            return answer.get(TESTCONTAINERS_PROBE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        } catch (Exception e) {
            LOG.info("Docker probe gave no answer ({}): using the embedded broker", e.toString());
            return false;
        } finally {
            executor.shutdownNow();
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }
}
