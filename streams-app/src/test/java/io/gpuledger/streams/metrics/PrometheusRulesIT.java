package io.gpuledger.streams.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;

/** deploy/prometheus/rules.yml under promtool: syntax, its unit tests, and that those tests can fail. */
class PrometheusRulesIT {

    private static final Path RULES = DeployFiles.DEPLOY.resolve("prometheus/rules.yml");
    private static final Path RULE_TESTS = DeployFiles.DEPLOY.resolve("prometheus/rules.test.yml");

    @Test
    void rulesPassPromtoolCheck() {
        Promtool.Result check = Promtool.run(null, "check", "rules", RULES.toString());
        assertThat(check.exitCode()).as("promtool check rules:\n%s", check.output()).isZero();
        assertThat(check.output()).contains("SUCCESS: 4 rules found");
    }

    @Test
    void ruleUnitTestsPass() {
        Promtool.Result test = Promtool.run(null, "test", "rules", RULE_TESTS.toString());
        assertThat(test.exitCode()).as("promtool test rules:\n%s", test.output()).isZero();
        assertThat(test.output()).contains("SUCCESS");
    }

    @Test
    @SuppressWarnings("unchecked")
    void everyAlertHasACaseThatFiresAndOneThatDoesNot() throws IOException {
        Map<String, Object> tests = new Yaml().load(Files.readString(RULE_TESTS));
        Map<String, Integer> firing = new java.util.HashMap<>();
        Map<String, Integer> silent = new java.util.HashMap<>();
        for (Map<String, Object> group : (List<Map<String, Object>>) tests.get("tests")) {
            for (Map<String, Object> alert : (List<Map<String, Object>>) group.get("alert_rule_test")) {
                String name = (String) alert.get("alertname");
                boolean fires = !((List<?>) alert.get("exp_alerts")).isEmpty();
                (fires ? firing : silent).merge(name, 1, Integer::sum);
            }
        }
        List<String> alerts = List.of("GpuLedgerNoSnapshot", "GpuLedgerFreshnessMissing",
                "GpuLedgerClassAllocationStuckAtZero", "GpuLedgerReplayErrors");
        assertThat(firing.keySet()).containsExactlyInAnyOrderElementsOf(alerts);
        assertThat(silent.keySet()).containsExactlyInAnyOrderElementsOf(alerts);
    }

    @Test
    void aFiringCaseExpectedToStaySilentFailsTheRuleTests(@TempDir Path dir) throws IOException {
        // The rule tests are only worth something if a wrong expectation fails them: expect silence where the
        // stale-snapshot alert must fire.
        Files.copy(RULES, dir.resolve("rules.yml"));
        String wrong = Files.readString(RULE_TESTS).replaceFirst(
                "(?s)(- eval_time: 35m\\s+alertname: GpuLedgerNoSnapshot\\s+exp_alerts:)\\s+- exp_labels:.*?1500 s old\\.",
                "$1 []");
        assertThat(wrong).isNotEqualTo(Files.readString(RULE_TESTS));
        Path wrongTests = Files.writeString(dir.resolve("rules.test.yml"), wrong);
        Promtool.Result test = Promtool.run(null, "test", "rules", wrongTests.toString());
        assertThat(test.exitCode()).as("promtool test rules on a wrong expectation:\n%s", test.output()).isNotZero();
        assertThat(test.output()).contains("GpuLedgerNoSnapshot");
    }
}
