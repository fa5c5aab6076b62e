package dev.rightsplatform.rights.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The alert rules and the dashboard under infra/observability name only metrics that exist: every platform metric
 * ({@code rights_}, {@code worker_}, {@code notification_}, {@code gateway_}, {@code portal_}) must come from a meter
 * name in the five services' code, and every framework metric from the list below, which the modules' metrics
 * integration tests see in their scrapes.
 */
class ObservabilityFilesUnitTests {

    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    static final Path OBSERVABILITY = ROOT.resolve("infra/observability");
    static final List<String> SERVICES =
            List.of("rights-service", "deletion-worker", "notification-service", "gateway", "portal");
    static final Set<String> FRAMEWORK = Set.of(
            "up",
            "http_server_requests_seconds_count",
            "http_server_requests_seconds_bucket",
            "jvm_memory_used_bytes",
            "r2dbc_pool_acquired_connections",
            "r2dbc_pool_pending_connections",
            "rabbitmq_published_total",
            "rabbitmq_consumed_total");
    static final Pattern METER_NAME =
            Pattern.compile("\"((?:rights|worker|notification|gateway|portal)(?:\\.[a-z0-9]+)+)\"");
    static final Pattern PROMQL_NAME =
            Pattern.compile("(?<![a-zA-Z0-9_:$.\"{])([a-z][a-z0-9_]*_[a-z0-9_]+|up)(?=\\s*[{\\[)]|\\s*$|\\s*[<>=!])");
    static final Pattern GROUPING = Pattern.compile("\\b(by|without)\\s*\\([^)]*\\)");
    static final List<String> SUFFIXES = List.of(
            "",
            "_total",
            "_seconds",
            "_seconds_count",
            "_seconds_sum",
            "_seconds_bucket",
            "_seconds_max",
            "_count",
            "_sum",
            "_bucket",
            "_max");

    @Test
    void everyAlertNamesExistingMetricsAndSaysWhatIsWrong() throws IOException {
        var rules =
                new YAMLMapper().readTree(OBSERVABILITY.resolve("alerts.yml").toFile());
        var names = new TreeSet<String>();
        var count = 0;
        for (var group : rules.get("groups")) {
            for (var rule : group.get("rules")) {
                count++;
                var alert = rule.path("alert").asString();
                assertThat(alert).as("alert name").isNotBlank();
                assertThat(rule.path("labels").path("severity").asString())
                        .as(alert)
                        .isIn("warning", "critical");
                assertThat(rule.path("annotations").path("summary").asString())
                        .as(alert)
                        .isNotBlank();
                var found = metricsIn(rule.path("expr").asString());
                assertThat(found).as("metrics of " + alert).isNotEmpty();
                names.addAll(found);
            }
        }
        assertThat(count).isGreaterThanOrEqualTo(6);
        assertThat(names)
                .contains(
                        "rights_requests_overdue",
                        "worker_tasks_parked_total",
                        "rights_outbox_lag_seconds",
                        "worker_tasks_finished_total",
                        "rights_scheduler_failures_total",
                        "notification_mails_total");
        assertKnown(names);
    }

    @Test
    void everyDashboardPanelQueriesExistingMetrics() throws IOException {
        var dashboard = JsonMapper.builder()
                .build()
                .readTree(
                        OBSERVABILITY.resolve("rights-platform-dashboard.json").toFile());
        assertThat(dashboard.path("uid").asString()).isNotBlank();
        var names = new TreeSet<String>();
        var panels = 0;
        for (var panel : dashboard.get("panels")) {
            if ("row".equals(panel.path("type").asString())) {
                continue;
            }
            panels++;
            var title = panel.path("title").asString();
            assertThat(panel.path("targets")).as(title).isNotEmpty();
            for (JsonNode target : panel.get("targets")) {
                var found = metricsIn(target.path("expr").asString());
                assertThat(found).as("metrics of panel " + title).isNotEmpty();
                names.addAll(found);
            }
        }
        assertThat(panels).isGreaterThanOrEqualTo(20);
        assertKnown(names);
    }

    @Test
    void theNameExtractionFindsWhatItShould() {
        assertThat(metricsIn("sum by (system) (rate(worker_tasks_finished_total{outcome=\"failed\"}[30m])) > 0"))
                .containsExactly("worker_tasks_finished_total");
        assertThat(metricsIn("time() - max by (job) (rights_scheduler_last_success_seconds) > 900"))
                .containsExactly("rights_scheduler_last_success_seconds");
        assertThat(metricsIn("max(rights_outbox_lag_seconds)")).containsExactly("rights_outbox_lag_seconds");
        assertThat(metricsIn("time() - max by (scheduled_job) (rights_scheduler_last_success_seconds) > 900"))
                .containsExactly("rights_scheduler_last_success_seconds");
        assertThat(metricsIn("sum by (le, type) (rate(rights_request_completion_seconds_bucket[1d])) or vector(0)"))
                .containsExactly("rights_request_completion_seconds_bucket");
    }

    private static void assertKnown(Set<String> names) throws IOException {
        var meters = meterNamesInCode();
        assertThat(meters)
                .contains("rights.requests.open", "worker.system.calls", "notification.mails", "gateway.rate.limit");
        var unknown = new ArrayList<String>();
        for (var name : names) {
            var known = FRAMEWORK.contains(name)
                    || meters.stream()
                            .map(meter -> meter.replace('.', '_'))
                            .anyMatch(base -> SUFFIXES.stream().anyMatch(suffix -> name.equals(base + suffix)));
            if (!known) {
                unknown.add(name);
            }
        }
        assertThat(unknown).as("metrics no service defines").isEmpty();
    }

    static Set<String> metricsIn(String expr) {
        var names = new TreeSet<String>();
        // label lists of by (...) and without (...) name labels, not metrics: scheduled_job, say
        var matcher = PROMQL_NAME.matcher(GROUPING.matcher(expr).replaceAll("$1 ()"));
        while (matcher.find()) {
            names.add(matcher.group(1));
        }
        names.removeIf(name -> Set.of("by", "without", "sum", "max", "rate", "increase", "time")
                .contains(name));
        return names;
    }

    static Set<String> meterNamesInCode() throws IOException {
        var names = new TreeSet<String>();
        for (var service : SERVICES) {
            try (Stream<Path> files = Files.walk(ROOT.resolve(service).resolve("src/main/java"))) {
                for (var file :
                        files.filter(path -> path.toString().endsWith(".java")).toList()) {
                    var matcher = METER_NAME.matcher(Files.readString(file));
                    while (matcher.find()) {
                        names.add(matcher.group(1));
                    }
                }
            }
        }
        return names;
    }
}
