package io.gpuledger.backfill.replay;

import static org.assertj.core.api.Assertions.assertThat;

import io.gpuledger.backfill.checkpoint.Checkpoint;
import io.gpuledger.backfill.checkpoint.FileIdentity;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.util.List;
import org.junit.jupiter.api.Test;

class AckTrackerTest {

    private static final LocalDateTime T1 = LocalDateTime.of(2025, 10, 1, 10, 0);
    private static final LocalDateTime T2 = T1.plusMinutes(5);
    private static final LocalDateTime T3 = T1.plusMinutes(10);

    private final AckTracker tracker = new AckTracker();
    private final FileTask october = task("gpu_state_2025-10.db", 1);
    private final FileTask november = task("gpu_state_2025-11.db", 2);

    private static FileTask task(String name, int index) {
        Path file = Path.of("/data", name);
        return new FileTask(index, file, YearMonth.of(2025, 9 + index), new FileIdentity(file, 1, 1),
                Checkpoint.Resume.start(), 0);
    }

    @Test
    void theWatermarkWaitsForEveryEarlierRecordWhateverTheOrderOfAcknowledgements() {
        AckTracker.Group a1 = tracker.register(october, T1, 5);
        AckTracker.Group a2 = tracker.register(october, T1, 4);
        AckTracker.Group b1 = tracker.register(october, T2, 3);
        AckTracker.Group c1 = tracker.register(october, T3, 2);
        assertThat(a2).isSameAs(a1);

        tracker.acknowledged(c1, 2, null);
        tracker.acknowledged(b1, 3, null);
        tracker.acknowledged(a1, 5, null);
        assertThat(tracker.advance()).as("T1 still has a record in flight").isEmpty();

        tracker.acknowledged(a2, 4, null);
        List<AckTracker.Group> released = tracker.advance();

        // T3 is still the open group: more records of T3 may come.
        assertThat(released).extracting(g -> g.timestamp).containsExactly(T1, T2);
        assertThat(released.get(0).rows).isEqualTo(9);
        assertThat(released.get(0).snapshots).isEqualTo(2);
        assertThat(tracker.rowsAcknowledged()).isEqualTo(14);
        assertThat(tracker.snapshotsAcknowledged()).isEqualTo(4);
        assertThat(tracker.recordsPending()).isZero();

        tracker.endOfFile(october);
        assertThat(tracker.advance()).extracting(g -> g.timestamp).containsExactly(T3);
    }

    @Test
    void aStopBetweenTwoTimesSealsTheOpenGroupSoItsTimeBecomesTheWatermark() {
        assertThat(tracker.allSealed()).isTrue();
        AckTracker.Group a1 = tracker.register(october, T1, 5);
        AckTracker.Group b1 = tracker.register(october, T2, 3);
        assertThat(tracker.allSealed()).isFalse();
        assertThat(tracker.startsGroup(october, T2)).as("more of T2 may follow").isFalse();
        assertThat(tracker.startsGroup(october, T3)).isTrue();
        assertThat(tracker.startsGroup(november, T2)).isTrue();
        tracker.acknowledged(a1, 5, null);
        tracker.acknowledged(b1, 3, null);
        assertThat(tracker.advance()).extracting(g -> g.timestamp).containsExactly(T1);

        tracker.seal();

        assertThat(tracker.allSealed()).isTrue();
        assertThat(tracker.advance()).extracting(g -> g.timestamp).containsExactly(T2);
    }

    @Test
    void aNewFileSealsThePreviousFilesLastGroup() {
        AckTracker.Group last = tracker.register(october, T3, 1);
        AckTracker.Group next = tracker.register(november, T3, 1);
        tracker.acknowledged(last, 1, null);

        assertThat(next).isNotSameAs(last);
        assertThat(tracker.advance()).singleElement().satisfies(g -> assertThat(g.file).isSameAs(october));
    }

    @Test
    void aFailedRecordHoldsTheWatermarkAndIsReported() throws InterruptedException {
        AckTracker.Group a = tracker.register(october, T1, 1);
        AckTracker.Group b = tracker.register(october, T2, 1);
        AckTracker.Group c = tracker.register(october, T3, 1);
        tracker.endOfFile(october);
        tracker.acknowledged(a, 1, null);
        IllegalStateException boom = new IllegalStateException("expired");
        tracker.acknowledged(b, 1, boom);
        tracker.acknowledged(c, 1, null);

        assertThat(tracker.failure()).isSameAs(boom);
        assertThat(tracker.advance()).extracting(g -> g.timestamp).containsExactly(T1);
        assertThat(tracker.advance()).isEmpty();
        assertThat(tracker.awaitNonePending(10)).as("b never completes").isFalse();
    }

    @Test
    void awaitReturnsOnceTheLastRecordIsAcknowledgedOnAnotherThread() throws Exception {
        AckTracker.Group a = tracker.register(october, T1, 1);
        Thread acknowledger = new Thread(() -> tracker.acknowledged(a, 1, null));
        acknowledger.start();

        assertThat(tracker.awaitNonePending(10_000)).isTrue();
        acknowledger.join();
    }
}
