package io.gpuledger.streams.schedule;

import java.time.Clock;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One pass over the schedules: for each due firing, claim it in the ledger, then send. Called every minute by the
 * service (and directly by tests with a controlled clock). Nothing is sent while the service is not ready, so a
 * starting instance does not mail numbers from a half-replayed store; the firing stays due and goes out once ready.
 */
public final class ReportScheduler {

    private static final Logger LOG = LoggerFactory.getLogger(ReportScheduler.class);

    /** Composes and sends the e-mail of one firing; true once the server accepted it. */
    @FunctionalInterface
    public interface Sender {
        boolean send(ReportKind kind, ZonedDateTime firing) throws InterruptedException;
    }

    private final List<ReportSchedule> schedules;
    private final SendLedger ledger;
    private final BooleanSupplier ready;
    private final Sender sender;
    private final Clock clock;

    public ReportScheduler(List<ReportSchedule> schedules, SendLedger ledger, BooleanSupplier ready, Sender sender,
            Clock clock) {
        this.schedules = List.copyOf(schedules);
        this.ledger = ledger;
        this.ready = ready;
        this.sender = sender;
        this.clock = clock;
    }

    /** @return how many e-mails this pass sent */
    public int runDue() throws InterruptedException {
        int sent = 0;
        for (ReportSchedule schedule : schedules) {
            ZonedDateTime firing = schedule.due(clock, ledger).orElse(null);
            if (firing == null) {
                continue;
            }
            if (!ready.getAsBoolean()) {
                LOG.info("{} e-mail of {} is due but the numbers are not complete (the service is starting, "
                        + "catching up or replaying); it goes out once they are",
                        schedule.kind().key(), firing);
                continue;
            }
            // Claim before sending: of two instances only the one whose claim lands first sends. A send that then
            // fails after all retries is logged, counted and settled, not re-sent by another instance; a claim whose
            // sender dies before settling lapses, and the firing is sent once more by whoever runs next.
            if (!ledger.claim(schedule.kind(), firing.toInstant())) {
                continue;
            }
            boolean delivered = sender.send(schedule.kind(), firing);
            ledger.settle(schedule.kind(), firing.toInstant(), delivered);
            if (delivered) {
                sent++;
            } else {
                LOG.warn("{} e-mail of {} was not delivered after its retries", schedule.kind().key(), firing);
            }
        }
        return sent;
    }
}
