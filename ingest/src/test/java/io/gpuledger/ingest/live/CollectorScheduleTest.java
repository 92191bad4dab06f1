package io.gpuledger.ingest.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.gpuledger.ingest.settings.CommonSettings;
import io.gpuledger.ingest.snapshot.HostSnapshot;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --command ... --every}: a fake {@code condor_status} that succeeds, then fails, then hangs, then succeeds.
 * Given four scheduled runs, the failure and the hang are counted (the hung process killed at the timeout) and the
 * runs after them still happen.
 */
class CollectorScheduleTest {

    @TempDir
    Path dir;

    private Path fakeCondorStatus() throws Exception {
        Path ads = LiveAds.file("pool-collection.json");
        Path script = dir.resolve("condor_status");
        // Each run bumps a counter; run 2 fails as a collector with no reachable collector does, run 3 hangs.
        Files.writeString(script, String.join("\n",
                "#!/bin/sh",
                "n=$(cat " + dir.resolve("runs") + " 2>/dev/null || echo 0); n=$((n + 1)); echo $n > " + dir.resolve("runs"),
                "case $n in",
                "  2) echo 'Error: communication error: CEDAR:6001:Failed to connect' >&2; exit 1 ;;",
                "  3) echo $$ > " + dir.resolve("hung.pid") + "; exec sleep 60 ;;",
                "  *) cat '" + ads + "' ;;",
                "esac", ""), StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        return script;
    }

    @Test
    void failuresAndHangsAreCountedAndTheNextRunStillRuns() throws Exception {
        Path script = fakeCondorStatus();
        List<List<HostSnapshot>> published = new ArrayList<>();
        LiveRun.Publisher recording = new LiveRun.Publisher() {
            @Override
            public int publish(List<HostSnapshot> snapshots) {
                published.add(snapshots);
                return snapshots.size();
            }

            @Override
            public void close() {
            }
        };
        LiveMetrics metrics = new LiveMetrics();
        StringWriter out = new StringWriter();
        LiveSettings settings = LiveSettings.dryRunDefaults().with(CommonSettings.COLLECTOR_ZONE, ZoneOffset.UTC);
        CollectorCommand command = new CollectorCommand(script + " -json -constraint 'GPUs >= 1'",
                Duration.ofMillis(700));

        int failedRuns;
        try (LiveRun run = new LiveRun(settings, recording, metrics, Clock.systemUTC(), new PrintWriter(out))) {
            failedRuns = run.runSchedule(command, Duration.ofMillis(900), 4);
        }

        assertThat(failedRuns).isEqualTo(2);
        assertThat(Files.readString(dir.resolve("runs")).strip()).isEqualTo("4");
        assertThat(metrics.collections()).isEqualTo(2);
        assertThat(metrics.failures(LiveMetrics.Failure.FAILED)).isEqualTo(1);
        assertThat(metrics.failures(LiveMetrics.Failure.TIMEOUT)).isEqualTo(1);
        assertThat(published).hasSize(2).allSatisfy(snapshots -> assertThat(snapshots).hasSize(6));
        assertThat(published.get(1).get(0).timestamp()).isAfter(published.get(0).get(0).timestamp());
        long hungPid = Long.parseLong(Files.readString(dir.resolve("hung.pid")).strip());
        await().atMost(Duration.ofSeconds(5)).until(() -> ProcessHandle.of(hungPid).map(p -> !p.isAlive())
                .orElse(true));
    }

    @Test
    void theCommandLineIsSplitAsAShellWouldQuotesKeptTogether() {
        assertThat(CollectorCommand.split("condor_status -json -constraint 'GPUs >= 1' -attributes \"Name,State\""))
                .containsExactly("condor_status", "-json", "-constraint", "GPUs >= 1", "-attributes", "Name,State");
    }

    @Test
    void aCommandThatCannotStartIsAFailureNamingIt() {
        CollectorCommand.Outcome outcome = new CollectorCommand(dir.resolve("no-such-condor_status").toString(),
                Duration.ofSeconds(5)).run();

        assertThat(outcome).isInstanceOf(CollectorCommand.Failed.class);
        assertThat(((CollectorCommand.Failed) outcome).reason()).startsWith("cannot run " + dir);
    }
}
