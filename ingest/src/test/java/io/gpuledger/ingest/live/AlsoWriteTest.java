package io.gpuledger.ingest.live;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.ingest.cli.CliSupport;
import io.gpuledger.ingest.cli.IngestCli;
import io.gpuledger.ingest.history.HistoryFiles;
import io.gpuledger.ingest.monthly.MonthFileReader;
import io.gpuledger.ingest.monthly.MonthFormat;
import io.gpuledger.ingest.snapshot.HostSnapshot;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import picocli.CommandLine;

/**
 * {@code --also-write}: the monthly files hold what was published. Given two collections written live, the file is
 * accepted by {@code ingest validate} and a replay of it reads back exactly the host snapshots the live path
 * published, so the streams app counts the same numbers either way.
 */
class AlsoWriteTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();

    private List<HostSnapshot> writeTwoCollections(MonthFormat format) throws Exception {
        LiveSettings settings = LiveSettings.dryRunDefaults().with(LiveSettings.ALSO_WRITE, dir)
                .with(LiveSettings.FORMAT, format);
        Collection first = LiveAds.collection("pool-collection.json");
        Collection second = AdCollections.parse("second", LiveAds.text("pool-collection.json"),
                LiveAds.COLLECTED.plusMinutes(5));
        try (LiveRun run = new LiveRun(settings, null, new LiveMetrics(), Clock.systemUTC(), new PrintWriter(out))) {
            assertThat(run.handle(first)).isTrue();
            assertThat(run.handle(second)).isTrue();
        }
        List<HostSnapshot> published = new ArrayList<>(first.snapshots());
        published.addAll(second.snapshots());
        return published;
    }

    @ParameterizedTest
    @EnumSource(MonthFormat.class)
    void theFileOfTheCollectorsMonthIsAcceptedByValidate(MonthFormat format) throws Exception {
        writeTwoCollections(format);
        Path file = dir.resolve(format.fileName(java.time.YearMonth.of(2026, 12)));

        StringWriter validateOut = new StringWriter();
        CommandLine validate = CliSupport.commandLine(new IngestCli());
        validate.setOut(new PrintWriter(validateOut));
        validate.setErr(new PrintWriter(new StringWriter()));
        int exit = validate.execute("validate", file.toString());

        assertThat(exit).as(validateOut.toString()).isEqualTo(CliSupport.EXIT_OK);
        assertThat(validateOut.toString()).contains(file + ": OK").contains("rows 32 (32 good), machine-snapshots 12, machines 6, GPUs 11");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).containsExactly(file.getFileName().toString());
        }
    }

    @ParameterizedTest
    @EnumSource(MonthFormat.class)
    void aReplayOfTheFileReadsBackWhatWasPublished(MonthFormat format) throws Exception {
        List<HostSnapshot> published = writeTwoCollections(format);

        List<HostSnapshot> replayed = new ArrayList<>();
        try (MonthFileReader reader = HistoryFiles.open(dir.resolve(format.fileName(
                java.time.YearMonth.of(2026, 12))))) {
            for (HostSnapshot snapshot = reader.next(); snapshot != null; snapshot = reader.next()) {
                replayed.add(snapshot);
            }
        }

        assertThat(comparable(replayed)).containsExactlyInAnyOrderElementsOf(comparable(published));
    }

    @ParameterizedTest
    @EnumSource(MonthFormat.class)
    void aCollectionGoesToTheFileOfItsOwnMonth(MonthFormat format) throws Exception {
        LiveSettings settings = LiveSettings.dryRunDefaults().with(LiveSettings.ALSO_WRITE, dir)
                .with(LiveSettings.FORMAT, format);
        try (LiveRun run = new LiveRun(settings, null, new LiveMetrics(), Clock.systemUTC(), new PrintWriter(out))) {
            String ads = LiveAds.text("two-collections.json");
            run.handle(AdCollections.parse("november", ads.substring(0, ads.indexOf("]") + 1),
                    java.time.LocalDateTime.of(2026, 11, 30, 23, 59, 59, 900_000_000)));
            run.handle(AdCollections.parse("december", ads.substring(ads.indexOf("]") + 1),
                    java.time.LocalDateTime.of(2026, 12, 1, 0, 4, 59)));
        }

        assertThat(dir.resolve(format.fileName(java.time.YearMonth.of(2026, 11)))).exists();
        assertThat(dir.resolve(format.fileName(java.time.YearMonth.of(2026, 12)))).exists();
    }

    /** A snapshot with its rows in a fixed order: a file gives back rows grouped, not necessarily in ad order. */
    private static List<String> comparable(List<HostSnapshot> snapshots) {
        return snapshots.stream().map(snapshot -> snapshot.machine() + " @ " + snapshot.timestamp() + ": "
                + snapshot.rows().stream().map(Object::toString).sorted().toList()).toList();
    }
}
