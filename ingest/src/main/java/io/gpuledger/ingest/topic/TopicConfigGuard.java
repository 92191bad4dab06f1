package io.gpuledger.ingest.topic;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks that topics have the configurations their {@link TopicRule}s require, and repairs those that do not: a
 * cluster set up by hand (or by an older version) must not silently lose history. Each repair is one log line; a
 * topic that cannot be repaired (no permission, say) is a {@link SnapshotTopicException} naming topic and setting.
 */
public final class TopicConfigGuard {

    private static final Logger LOG = LoggerFactory.getLogger(TopicConfigGuard.class);

    /** One setting that was not acceptable. */
    public record Violation(String topic, String setting, String found, String required, String why) {
        public String describe() {
            return "topic " + topic + ": " + setting + "=" + found + " " + why + " (needs " + setting + "="
                    + required + ")";
        }
    }

    private TopicConfigGuard() {
    }

    /** The settings of existing topics that break their rules; topics that do not exist are skipped. */
    public static List<Violation> check(Admin admin, Map<String, List<TopicRule>> rules, Duration timeout) {
        Set<String> existing = await(admin.listTopics().names(), timeout, "list the topics");
        List<ConfigResource> resources = new ArrayList<>();
        for (String topic : rules.keySet()) {
            if (existing.contains(topic)) {
                resources.add(new ConfigResource(ConfigResource.Type.TOPIC, topic));
            }
        }
        if (resources.isEmpty()) {
            return List.of();
        }
        Map<ConfigResource, Config> configs = await(admin.describeConfigs(resources).all(), timeout,
                "read the configuration of topics " + names(resources));
        List<Violation> violations = new ArrayList<>();
        configs.forEach((resource, config) -> {
            for (TopicRule rule : rules.get(resource.name())) {
                ConfigEntry entry = config.get(rule.setting());
                String value = entry == null || entry.value() == null ? "" : entry.value();
                if (!rule.accepts().test(value)) {
                    violations.add(new Violation(resource.name(), rule.setting(), value, rule.required(), rule.why()));
                }
            }
        });
        return violations;
    }

    /**
     * Repairs every violation of {@code rules} on existing topics and returns what it repaired.
     *
     * @throws SnapshotTopicException naming the first violation when Kafka refuses the repair
     */
    public static List<Violation> enforce(Admin admin, Map<String, List<TopicRule>> rules, Duration timeout) {
        List<Violation> violations = check(admin, rules, timeout);
        if (violations.isEmpty()) {
            return violations;
        }
        Map<ConfigResource, Collection<AlterConfigOp>> changes = new LinkedHashMap<>();
        for (Violation violation : violations) {
            changes.computeIfAbsent(new ConfigResource(ConfigResource.Type.TOPIC, violation.topic()),
                    resource -> new ArrayList<>()).add(new AlterConfigOp(
                    new ConfigEntry(violation.setting(), violation.required()), AlterConfigOp.OpType.SET));
        }
        try {
            admin.incrementalAlterConfigs(changes).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            String reason = e.getCause() != null ? e.getCause().getMessage() : "Kafka did not answer in time";
            throw new SnapshotTopicException(violations.get(0).describe() + "; it could not be repaired: " + reason
                    + ". Set it by hand (kafka-configs --alter --entity-type topics --entity-name "
                    + violations.get(0).topic() + " --add-config " + violations.get(0).setting() + "="
                    + violations.get(0).required() + ") and start again", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SnapshotTopicException("interrupted while repairing topic configurations", e);
        }
        violations.forEach(violation -> LOG.warn("Repaired {}", violation.describe()));
        return violations;
    }

    private static String names(List<ConfigResource> resources) {
        return String.join(", ", resources.stream().map(ConfigResource::name).toList());
    }

    private static <T> T await(org.apache.kafka.common.KafkaFuture<T> future, Duration timeout, String what) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new SnapshotTopicException("cannot " + what + ": "
                    + (e.getCause() == null ? e.getMessage() : e.getCause().getMessage()), e);
        } catch (TimeoutException e) {
            throw new SnapshotTopicException("cannot " + what + ": Kafka did not answer within "
                    + timeout.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SnapshotTopicException("interrupted while trying to " + what, e);
        }
    }

    /** Rules of several topics, for {@link #check}/{@link #enforce}. */
    public static Map<String, List<TopicRule>> rules(Map<String, List<TopicRule>> first,
                                                     Map<String, List<TopicRule>> second) {
        Map<String, List<TopicRule>> all = new HashMap<>(first);
        all.putAll(second);
        return all;
    }
}
