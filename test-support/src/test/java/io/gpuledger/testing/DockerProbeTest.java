package io.gpuledger.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DockerProbeTest {

    @TempDir
    Path home;

    @Test
    void nothingToTalkToMeansNoDocker() {
        assertThat(DockerProbe.anEngineMightListen(Map.of(), home, List.of(home.resolve("docker.sock")))).isFalse();
        assertThat(DockerProbe.anEngineMightListen(Map.of("DOCKER_HOST", " "), home, List.of())).isFalse();
    }

    @Test
    void aDockerHostASocketOrATestcontainersConfigIsWorthAsking() throws Exception {
        assertThat(DockerProbe.anEngineMightListen(Map.of("DOCKER_HOST", "tcp://127.0.0.1:2375"), home, List.of()))
                .isTrue();

        Path socket = Files.createFile(home.resolve("docker.sock"));
        assertThat(DockerProbe.anEngineMightListen(Map.of(), home, List.of(socket))).isTrue();
        Files.delete(socket);

        Files.writeString(home.resolve(".testcontainers.properties"), "docker.host=unix:///tmp/elsewhere.sock\n");
        assertThat(DockerProbe.anEngineMightListen(Map.of(), home, List.of())).isTrue();
    }

    @Test
    void theDefaultSocketsIncludeTheUsualPlaces() {
        assertThat(DockerProbe.defaultSockets(home))
                .contains(Path.of("/var/run/docker.sock"), home.resolve(".docker/run/docker.sock"));
    }

    @Test
    void theRealProbeAnswersWithinItsDeadline() {
        // Here (no Docker engine) it answers at once; with a socket it is bounded by the probe's own deadline.
        boolean available = assertTimeoutPreemptively(Duration.ofSeconds(40), DockerProbe::dockerAvailable);
        assertThat(available).isEqualTo(DockerProbe.dockerAvailable());
    }
}
