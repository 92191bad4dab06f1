package io.gpuledger.streams.app;

import io.gpuledger.streams.config.EmailConfig;
import io.gpuledger.streams.config.StreamsAppConfig;
import io.gpuledger.streams.mail.MailDelivery;
import io.gpuledger.streams.mail.ScheduledReportSender;
import io.gpuledger.streams.metrics.GpuLedgerMetrics;
import io.gpuledger.streams.query.ClusterReports;
import io.gpuledger.streams.schedule.KafkaSendLedger;
import io.gpuledger.streams.schedule.ReportSchedule;
import io.gpuledger.streams.schedule.ReportScheduler;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduled e-mails of a running instance: every {@link #PASS_EVERY} one pass of the {@link ReportScheduler},
 * with the ledger in the application's compacted send topic so that every instance agrees on what was sent.
 */
final class EmailSchedule implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmailSchedule.class);

    /** How often due firings are looked for: a report goes out at most this long after its time. */
    static final Duration PASS_EVERY = Duration.ofSeconds(30);

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "gpuledger-email");
        thread.setDaemon(true);
        return thread;
    });
    private final KafkaSendLedger ledger;
    private final ReportScheduler scheduler;

    private EmailSchedule(KafkaSendLedger ledger, ReportScheduler scheduler) {
        this.ledger = ledger;
        this.scheduler = scheduler;
    }

    /**
     * Starts the passes; nothing is sent while {@code ready} is false.
     *
     * @param bootstrapServers the Kafka cluster the service uses (embedded or external)
     */
    static EmailSchedule start(StreamsAppConfig config, String bootstrapServers, BooleanSupplier ready,
            ClusterReports reports, GpuLedgerMetrics metrics, Admin admin,
            Clock clock) {
        EmailConfig email = config.email();
        ZoneId zone = ZoneId.of(config.collectorZone());
        String topic = KafkaSendLedger.topicName(config.applicationId());
        KafkaSendLedger.ensureTopic(admin, topic, config.embeddedBroker() ? 1 : config.replicationFactor());
        Map<String, Object> clientConfig = new HashMap<>(config.clientProperties());
        clientConfig.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        // A claim must outlive every retry of its send, or a slow relay would let a second instance send too.
        Duration lease = email.retryFor().plus(email.smtp().timeout().multipliedBy(4)).plus(Duration.ofMinutes(5));
        KafkaSendLedger ledger = new KafkaSendLedger(clientConfig, topic, lease, clock);
        MailDelivery delivery = MailDelivery.sleeping(email.smtp(), EmailConfig.FIRST_RETRY, email.retryFor());
        metrics.bindEmail(delivery::sentCount, delivery::failedAttemptCount, delivery::givenUpCount);
        List<ReportSchedule> schedules = email.schedules(zone);
        ReportScheduler scheduler = new ReportScheduler(schedules, ledger, ready,
                new ScheduledReportSender(reports, delivery, email.subjectPrefix(), email.recipients()), clock);
        EmailSchedule schedule = new EmailSchedule(ledger, scheduler);
        schedule.timer.scheduleWithFixedDelay(schedule::pass, 0, PASS_EVERY.toMillis(), TimeUnit.MILLISECONDS);
        LOG.info("Scheduled e-mails: {} via {}, ledger topic {}", schedules.stream()
                .map(s -> s.kind().key() + " '" + s.cron() + "' " + zone + " to " + email.recipients().get(s.kind()))
                .collect(Collectors.joining(", ")), email.smtp(), topic);
        return schedule;
    }

    private void pass() {
        try {
            scheduler.runDue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            // The next pass tries again: a broker or store hiccup must not stop the schedule.
            LOG.warn("Scheduled e-mail pass failed: {}", e.getMessage());
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            timer.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        ledger.close();
    }
}
