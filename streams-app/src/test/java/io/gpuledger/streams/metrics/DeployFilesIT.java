package io.gpuledger.streams.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.yaml.snakeyaml.Yaml;

/**
 * The deploy files hold together without Docker: compose.yaml's services, images, ports, volumes and health checks,
 * the files it mounts, Prometheus' scrape target, Grafana's provisioning and the dashboard's queries. Where a
 * {@code docker compose} CLI exists, its own {@code config} validation runs as well.
 */
class DeployFilesIT {

    private static final Logger LOG = LoggerFactory.getLogger(DeployFilesIT.class);
    private static final Path DEPLOY = DeployFiles.DEPLOY;
    private static final Pattern VARIABLE = Pattern.compile("\\$\\{([A-Z_][A-Z0-9_]*)(?::-([^}]*))?}");
    private static final Pattern GPULEDGER_NAME = Pattern.compile("\\bgpuledger_[a-z_]+");

    @SuppressWarnings("unchecked")
    private static Map<String, Object> yaml(Path file) throws IOException {
        Object document = new Yaml().load(Files.readString(file));
        assertThat(document).as("%s is a YAML mapping", file).isInstanceOf(Map.class);
        return (Map<String, Object>) document;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value, String what) {
        assertThat(value).as(what).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> list(Object value, String what) {
        assertThat(value).as(what).isInstanceOf(List.class);
        return (List<Object>) value;
    }

    private static Properties env() throws IOException {
        Properties env = new Properties();
        try (var reader = Files.newBufferedReader(DEPLOY.resolve(".env"))) {
            env.load(reader);
        }
        return env;
    }

    @Test
    @SuppressWarnings("unchecked")
    void composeServicesHaveImagesPortsVolumesAndHealthChecks() throws IOException {
        Map<String, Object> compose = yaml(DEPLOY.resolve("compose.yaml"));
        Map<String, Object> services = map(compose.get("services"), "services");
        assertThat(services).containsOnlyKeys("kafka", "streams-app", "ingest-live", "prometheus", "grafana");
        Set<String> namedVolumes = map(compose.get("volumes"), "top-level volumes").keySet();

        for (Map.Entry<String, Object> entry : services.entrySet()) {
            String name = entry.getKey();
            Map<String, Object> service = map(entry.getValue(), name);
            assertThat(service.get("image")).as("%s image", name).isInstanceOf(String.class);
            Map<String, Object> healthcheck = map(service.get("healthcheck"), name + " healthcheck");
            assertThat(list(healthcheck.get("test"), name + " healthcheck test")).isNotEmpty();
            for (Object port : list(service.get("ports"), name + " ports")) {
                assertThat((String) port).as("%s publishes on loopback only", name).startsWith("127.0.0.1:");
            }
            for (Object volume : list(service.get("volumes"), name + " volumes")) {
                String source = ((String) volume).split(":")[0];
                if (source.startsWith(".")) {
                    assertThat(DEPLOY.resolve(source)).as("%s mounts %s", name, source).exists();
                } else {
                    assertThat(namedVolumes).as("%s's volume %s is declared", name, source).contains(source);
                }
            }
            Object dependsOn = service.get("depends_on");
            if (dependsOn != null) {
                assertThat(services.keySet()).as("%s depends on", name).containsAll(map(dependsOn, "depends_on").keySet());
            }
        }
        assertThat((String) map(services.get("kafka"), "kafka").get("image")).contains("apache/kafka");
        // The live path runs ingest live from the jars of the service image, on its own profile.
        Map<String, Object> live = map(services.get("ingest-live"), "ingest-live");
        assertThat(list(live.get("entrypoint"), "ingest-live entrypoint"))
                .contains("io.gpuledger.ingest.cli.IngestCli", "live");
        assertThat(list(live.get("profiles"), "ingest-live profiles")).containsExactly("live");

        Map<String, Object> build = map(map(services.get("streams-app"), "streams-app").get("build"), "build");
        Path context = DEPLOY.resolve((String) build.get("context")).normalize();
        assertThat(context.resolve((String) build.get("dockerfile"))).exists();
        String dockerfile = Files.readString(context.resolve((String) build.get("dockerfile")));
        assertThat(dockerfile).contains("COPY streams-app/target/lib/ lib/", "streams-app.jar",
                "\"--bootstrap-servers\", \"kafka:9092\", \"--bind\", \"0.0.0.0\"");
        assertThat(Files.readString(context.resolve(".dockerignore"))).contains("!streams-app/target/lib/");
    }

    @Test
    void everyComposeVariableHasADefaultOrIsSetInDotEnv() throws IOException {
        Properties env = env();
        Matcher matcher = VARIABLE.matcher(Files.readString(DEPLOY.resolve("compose.yaml")));
        Set<String> used = new TreeSet<>();
        while (matcher.find()) {
            used.add(matcher.group(1));
            if (matcher.group(2) != null && env.containsKey(matcher.group(1))) {
                assertThat(matcher.group(2)).as("default of %s agrees with .env", matcher.group(1))
                        .isEqualTo(env.getProperty(matcher.group(1)));
            }
            assertThat(matcher.group(2) != null || env.containsKey(matcher.group(1)))
                    .as("%s has a default or a .env value", matcher.group(1)).isTrue();
        }
        assertThat(used).contains("GPULEDGER_HTTP_PORT", "PROMETHEUS_PORT", "GRAFANA_PORT");
    }

    @Test
    @SuppressWarnings("unchecked")
    void prometheusScrapesTheComposeServiceAndLoadsTheMountedRules() throws IOException {
        Map<String, Object> compose = yaml(DEPLOY.resolve("compose.yaml"));
        Map<String, Object> config = yaml(DEPLOY.resolve("prometheus/prometheus.yml"));
        List<Object> ruleFiles = list(config.get("rule_files"), "rule_files");
        List<Object> mounts = list(map(map(compose.get("services"), "services").get("prometheus"), "prometheus")
                .get("volumes"), "prometheus volumes");
        for (Object ruleFile : ruleFiles) {
            assertThat(mounts).as("rules file %s is mounted", ruleFile)
                    .anyMatch(mount -> ((String) mount).contains(":" + ruleFile + ":"));
        }
        Map<String, Object> job = map(list(config.get("scrape_configs"), "scrape_configs").get(0), "job");
        assertThat(job.get("metrics_path")).isEqualTo("/metrics");
        List<Object> targets = list(map(list(job.get("static_configs"), "static_configs").get(0), "static")
                .get("targets"), "targets");
        assertThat(targets).containsExactly("streams-app:8080");
        Promtool.Result check = Promtool.run(null, "check", "config", "--syntax-only",
                DEPLOY.resolve("prometheus/prometheus.yml").toString());
        assertThat(check.exitCode()).as("promtool check config:\n%s", check.output()).isZero();
    }

    @Test
    @SuppressWarnings("unchecked")
    void grafanaProvisioningPointsAtTheDashboardAndItsDatasource() throws IOException {
        Map<String, Object> compose = yaml(DEPLOY.resolve("compose.yaml"));
        List<Object> mounts = list(map(map(compose.get("services"), "services").get("grafana"), "grafana")
                .get("volumes"), "grafana volumes");
        Map<String, Object> datasource = map(list(yaml(DEPLOY.resolve("grafana/provisioning/datasources/prometheus.yml"))
                .get("datasources"), "datasources").get(0), "datasource");
        assertThat(datasource).containsEntry("type", "prometheus").containsEntry("uid", "gpuledger-prometheus");
        Map<String, Object> provider = map(list(yaml(DEPLOY.resolve("grafana/provisioning/dashboards/gpuledger.yml"))
                .get("providers"), "providers").get(0), "provider");
        String path = (String) map(provider.get("options"), "options").get("path");
        assertThat(mounts).as("dashboards mounted at %s", path).contains("./grafana/dashboards:" + path + ":ro");

        JsonNode dashboard = new ObjectMapper().readTree(DEPLOY.resolve("grafana/dashboards/gpuledger.json").toFile());
        for (JsonNode panel : dashboard.get("panels")) {
            if (panel.get("type").asText().equals("row")) {
                continue;
            }
            assertThat(panel.at("/datasource/uid").asText()).as(panel.get("title").asText())
                    .isEqualTo("gpuledger-prometheus");
            assertThat(panel.get("targets")).as("queries of %s", panel.get("title").asText()).isNotEmpty();
        }
        Set<String> variables = new HashSet<>();
        dashboard.at("/templating/list").forEach(variable -> variables.add(variable.get("name").asText()));
        assertThat(variables).containsExactlyInAnyOrder("class", "device");
    }

    @Test
    void dashboardAndAlertsUseOnlyMetricsTheServiceExports() throws IOException {
        Set<String> exported = Arrays.stream(GaugeFamily.values()).map(GaugeFamily::prometheusName)
                .collect(Collectors.toCollection(TreeSet::new));
        exported.addAll(List.of("gpuledger_latest_snapshot_timestamp_seconds", "gpuledger_complete_bucket_age_seconds",
                "gpuledger_allocation_owner", "gpuledger_replay_rows_total", "gpuledger_replay_snapshots_total",
                "gpuledger_replay_bad_rows_total", "gpuledger_replay_rejected_files_total",
                "gpuledger_replay_completed_files_total", "gpuledger_allocation_refresh_failures_total"));
        List<String> expressions = new ArrayList<>(DashboardQueries.expressions(
                DEPLOY.resolve("grafana/dashboards/gpuledger.json")).values());
        expressions.add(Files.readString(DEPLOY.resolve("prometheus/rules.yml")));
        Set<String> used = new TreeSet<>();
        for (String expression : expressions) {
            Matcher matcher = GPULEDGER_NAME.matcher(expression);
            while (matcher.find()) {
                used.add(matcher.group());
            }
        }
        assertThat(exported).containsAll(used);
        // Every family the dashboards are about is on the dashboard.
        assertThat(used).contains("gpuledger_class_allocation_ratio", "gpuledger_total_allocation_ratio",
                "gpuledger_device_available_gpus", "gpuledger_memory_allocation_ratio",
                "gpuledger_open_capacity_allocation_ratio", "gpuledger_zero_active_machines",
                "gpuledger_draining_hosts", "gpuledger_latest_snapshot_timestamp_seconds",
                "gpuledger_replay_bad_rows_total");
    }

    @Test
    void dockerComposeValidatesTheFileWhereItIsInstalled() throws Exception {
        // The structural checks above always run; Docker's own validator only where its CLI plugin exists.
        Process probe;
        try {
            probe = new ProcessBuilder("docker", "compose", "version").redirectErrorStream(true).start();
        } catch (IOException e) {
            LOG.info("docker compose config not run: no docker CLI ({})", e.getMessage());
            return;
        }
        probe.getInputStream().readAllBytes();
        if (!probe.waitFor(30, TimeUnit.SECONDS) || probe.exitValue() != 0) {
            probe.destroyForcibly();
            LOG.info("docker compose config not run: the docker CLI has no compose plugin here");
            return;
        }
        Process config = new ProcessBuilder("docker", "compose", "-f", DEPLOY.resolve("compose.yaml").toString(),
                "config", "--quiet").redirectErrorStream(true).start();
        String output = new String(config.getInputStream().readAllBytes());
        assertThat(config.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(config.exitValue()).as("docker compose config:\n%s", output).isZero();
        LOG.info("docker compose config validated deploy/compose.yaml");
    }

    /** Dashboard queries by panel, shared with the end-to-end script's expectations. */
    static final class DashboardQueries {
        private DashboardQueries() {
        }

        static Map<String, String> expressions(Path dashboardFile) throws IOException {
            JsonNode dashboard = new ObjectMapper().readTree(dashboardFile.toFile());
            Map<String, String> expressions = new LinkedHashMap<>();
            for (JsonNode panel : dashboard.get("panels")) {
                JsonNode targets = panel.get("targets");
                if (targets == null) {
                    continue;
                }
                for (JsonNode target : targets) {
                    expressions.put(panel.get("title").asText() + " / " + target.get("refId").asText(),
                            target.get("expr").asText());
                }
            }
            return expressions;
        }
    }
}
