package io.gpuledger.kafka.local;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.List;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Quiets the broker's loggers. A broker logs hundreds of INFO lines (its whole configuration, every partition
 * it loads) that drown an application's own output; what matters at WARN still shows.
 */
final class BrokerLogLevels {

    /** Logger names the broker writes to; "org.apache.kafka" also covers the clients the broker uses internally. */
    static final List<String> BROKER_LOGGERS = List.of(
            "kafka", "org.apache.kafka", "state.change.logger", "kafka.request.logger", "kafka.authorizer.logger");

    private BrokerLogLevels() {
    }

    /**
     * Sets {@code level} on the broker's loggers that have no level of their own yet, so that a level the
     * application configured (logback.xml) wins. Does nothing when the SLF4J binding is not Logback.
     */
    static void apply(String level) {
        if (!(LoggerFactory.getILoggerFactory() instanceof LoggerContext context)) {
            return;
        }
        Level wanted = Level.toLevel(level, Level.WARN);
        for (String name : BROKER_LOGGERS) {
            Logger logger = context.getLogger(name);
            if (logger.getLevel() == null) {
                logger.setLevel(wanted);
            }
        }
        synchronized (context) {
            if (context.getTurboFilterList().stream().noneMatch(BenignWarnings.class::isInstance)) {
                BenignWarnings filter = new BenignWarnings();
                filter.setContext(context);
                filter.start();
                context.addTurboFilter(filter);
            }
        }
    }

    /**
     * Drops the two warnings Kafka 4.4 logs on every clean start and stop of a single node, so that a WARN line
     * from the broker always means something: the controller's activation notice on start and the registration
     * channel's double close on shutdown.
     */
    static final class BenignWarnings extends TurboFilter {
        @Override
        public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
                Throwable t) {
            if (level != Level.WARN || format == null || t != null) {
                return FilterReply.NEUTRAL;
            }
            String name = logger.getName();
            if (name.equals("org.apache.kafka.controller.QuorumController")
                    && format.contains("Performing controller activation")) {
                return FilterReply.DENY;
            }
            if (name.equals("org.apache.kafka.clients.NetworkClient")
                    && format.contains("Attempting to close NetworkClient that has already been closed")) {
                return FilterReply.DENY;
            }
            return FilterReply.NEUTRAL;
        }
    }
}
