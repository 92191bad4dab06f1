package io.gpuledger.streams.schedule;

import static org.assertj.core.api.Assertions.assertThat;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.gpuledger.streams.mail.MailDelivery;
import io.gpuledger.streams.mail.ReportMail;
import io.gpuledger.streams.mail.SmtpSecurity;
import io.gpuledger.streams.mail.SmtpSettings;
import io.gpuledger.testing.KafkaBroker;
import io.gpuledger.testing.WithKafka;
import jakarta.mail.internet.MimeMessage;
import java.net.ServerSocket;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The send ledger in its Kafka topic, with real e-mails: given instances sharing an application id, when the daily
 * report falls due, then one e-mail reaches the relay, whatever restarts, races, downtime or crashes happen.
 */
@WithKafka
class KafkaSendLedgerIT {

    private static final ZoneId ZONE = ZoneId.of("America/Chicago");
    private static final List<ReportSchedule> DAILY = List.of(ReportSchedule.defaults(ReportKind.DAILY, ZONE));
    private static final Duration LEASE = Duration.ofMinutes(30);

    private GreenMail relay;
    private final List<KafkaSendLedger> ledgers = new ArrayList<>();

    @BeforeEach
    void startRelay() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        relay = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        relay.start();
    }

    @AfterEach
    void stop() {
        ledgers.forEach(KafkaSendLedger::close);
        relay.stop();
    }

    private static Clock at(String localTime) {
        return Clock.fixed(LocalDateTime.parse(localTime).atZone(ZONE).toInstant(), ZONE);
    }

    private KafkaSendLedger ledger(KafkaBroker kafka, String topic, Clock clock) {
        KafkaSendLedger ledger = new KafkaSendLedger(kafka.clientConfig(), topic, LEASE, clock);
        ledgers.add(ledger);
        return ledger;
    }

    /** One instance's scheduler: the ledger in the topic, the e-mail through the relay. */
    private ReportScheduler instance(KafkaBroker kafka, String topic, Clock clock) {
        SmtpSettings smtp = new SmtpSettings("127.0.0.1", relay.getSmtp().getPort(), SmtpSecurity.OFF, null, null,
                "gpuledger@example.org", Duration.ofSeconds(10), null, false);
        MailDelivery delivery = new MailDelivery(smtp, Duration.ofSeconds(1), Duration.ZERO, clock, wait -> { });
        return new ReportScheduler(DAILY, ledger(kafka, topic, clock), () -> true,
                (kind, firing) -> delivery.send(mail(firing)), clock);
    }

    private static ReportMail mail(ZonedDateTime firing) {
        return new ReportMail("CHTC GPU Allocation " + firing.toLocalDate() + " 24h", "<p>report</p>", "report",
                List.of("owners@example.org"));
    }

    private List<String> subjects() throws Exception {
        List<String> subjects = new ArrayList<>();
        for (MimeMessage message : relay.getReceivedMessages()) {
            subjects.add(message.getSubject());
        }
        return subjects;
    }

    private static String newTopic(KafkaBroker kafka) {
        String topic = kafka.uniqueTopicName("email-sends");
        try (var admin = kafka.newAdmin()) {
            KafkaSendLedger.ensureTopic(admin, topic, 1);
        }
        return topic;
    }

    @Test
    void twoInstancesRacingForTheSameFiringSendOneEmail(KafkaBroker kafka) throws Exception {
        String topic = newTopic(kafka);
        Clock clock = at("2025-12-02T06:00:30");
        List<ReportScheduler> instances = List.of(instance(kafka, topic, clock), instance(kafka, topic, clock),
                instance(kafka, topic, clock));

        ExecutorService threads = Executors.newFixedThreadPool(instances.size());
        List<Callable<Integer>> passes = instances.stream().<Callable<Integer>>map(s -> s::runDue).toList();
        int sent = 0;
        for (Future<Integer> pass : threads.invokeAll(passes)) {
            sent += pass.get();
        }
        threads.shutdown();

        assertThat(sent).isEqualTo(1);
        assertThat(subjects()).containsExactly("CHTC GPU Allocation 2025-12-02 24h");
    }

    @Test
    void aRestartSendsNothingAgainAndAFiringDueDuringDowntimeGoesOutOnce(KafkaBroker kafka) throws Exception {
        String topic = newTopic(kafka);
        assertThat(instance(kafka, topic, at("2025-12-02T06:01")).runDue()).isEqualTo(1);

        // Restarted the same morning: a new process reads what was sent from the topic.
        assertThat(instance(kafka, topic, at("2025-12-02T09:00")).runDue()).isZero();

        // Down from the 3rd, 05:00 until the 5th, 08:00: one e-mail with the current numbers, not three stale ones.
        assertThat(instance(kafka, topic, at("2025-12-05T08:00")).runDue()).isEqualTo(1);
        assertThat(instance(kafka, topic, at("2025-12-05T08:01")).runDue()).isZero();

        assertThat(subjects()).containsExactly("CHTC GPU Allocation 2025-12-02 24h",
                "CHTC GPU Allocation 2025-12-05 24h");
    }

    @Test
    void aClaimWhoseSenderDiedLapsesAfterItsLeaseAndTheFiringIsSentThen(KafkaBroker kafka) throws Exception {
        String topic = newTopic(kafka);
        ZonedDateTime firing = LocalDateTime.parse("2025-12-02T06:00").atZone(ZONE);
        // An instance claimed the firing, then died before sending it (no outcome recorded).
        assertThat(ledger(kafka, topic, at("2025-12-02T06:00:10")).claim(ReportKind.DAILY, firing.toInstant()))
                .isTrue();

        assertThat(instance(kafka, topic, at("2025-12-02T06:20")).runDue()).as("within the lease").isZero();
        assertThat(instance(kafka, topic, at("2025-12-02T06:31")).runDue()).as("after the lease").isEqualTo(1);
        assertThat(instance(kafka, topic, at("2025-12-02T07:30")).runDue()).isZero();

        assertThat(subjects()).containsExactly("CHTC GPU Allocation 2025-12-02 24h");
    }

    @Test
    void aSendGivenUpAfterItsRetriesIsSettledAndNotSentAgain(KafkaBroker kafka) throws Exception {
        String topic = newTopic(kafka);
        Clock clock = at("2025-12-02T06:00:30");
        int[] attempts = {0};
        ReportScheduler failing = new ReportScheduler(DAILY, ledger(kafka, topic, clock), () -> true,
                (kind, firing) -> {
                    attempts[0]++;
                    return false;
                }, clock);

        assertThat(failing.runDue()).isZero();
        assertThat(instance(kafka, topic, at("2025-12-02T08:00")).runDue()).isZero();

        assertThat(attempts[0]).isEqualTo(1);
        assertThat(Arrays.asList(relay.getReceivedMessages())).isEmpty();
    }
}
