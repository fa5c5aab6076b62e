package dev.rightsplatform.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One trace across the services (infra/README.md, "Observability"): a deregistration submitted with a caller's sampled
 * W3C {@code traceparent} is one trace from the gateway through rights-service, over RabbitMQ (the outbox's stored
 * traceparent) to deletion-worker's call to Keycloak, and on to notification-service's received mail; back with the
 * worker's result to rights-service, whose cooling-off event reaches notification-service's next mail in it too.
 * The spans are read as the services export them over OTLP/HTTP to the platform's {@link TraceReceiver}.
 *
 * <p>The erasure after the cooling-off ({@link Platform#COOLING_OFF}) is started by rights-service's scheduler (the
 * deadline scanner), outside any trace: it continues the trace the request was submitted in (rights-service keeps the
 * {@code traceparent} with the request and resumes it in a span {@code resume request}), so the erase calls of every
 * system, the Keycloak account's deletion last, and the completion mail that follows it are in the same trace.
 */
@ExtendWith(PlatformExtension.class)
class TracingSystemTests {

    private static final Logger log = LoggerFactory.getLogger(TracingSystemTests.class);
    private static final SecureRandom RANDOM = new SecureRandom();

    private static Platform platform;
    private static GatewayApi api;

    @BeforeAll
    static void platform(Platform running) {
        platform = running;
        api = new GatewayApi(running);
    }

    @Test
    void aDeregistrationIsOneTraceFromTheGatewayThroughTheCoolingOffToTheErasureAndTheCompletionMail()
            throws Exception {
        assertThat(platform.traces)
                .as("the system tests' platform exports every trace")
                .isNotNull();
        var traceId = randomHex(16);
        var callerSpan = randomHex(8);
        var person = platform.keycloak.newDataSubject("en");
        var token = platform.keycloak.accessToken(person);

        var submitted = api.call(
                "POST",
                "/api/v1/requests",
                token,
                "{\"type\":\"DEREGISTER\"}",
                Map.of("traceparent", "00-" + traceId + "-" + callerSpan + "-01"));
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
        var requestId = api.json(submitted).get("id").asText();

        // the received mail is out, and the account is disabled (the first step's call): the first stage is done
        await().atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> api.mailsTo(person.email()).stream()
                        .map(GatewayApi::subject)
                        .anyMatch(subject -> subject.contains("received") && subject.contains(requestId)));
        await().atMost(Duration.ofSeconds(30)).until(() -> !platform.keycloak.isEnabled(person.id()));

        Predicate<TraceReceiver.Span> gatewayServer =
                span -> span.service().equals("gateway") && span.kind().equals("SPAN_KIND_SERVER");
        Predicate<TraceReceiver.Span> rightsServer =
                span -> span.service().equals("rights-service") && span.kind().equals("SPAN_KIND_SERVER");
        Predicate<TraceReceiver.Span> disableCall = span -> span.service().equals("deletion-worker")
                && span.name().equals("call keycloak")
                && "disable".equalsIgnoreCase(span.attributes().get("action"));
        Predicate<TraceReceiver.Span> mailSent = span ->
                span.service().equals("notification-service") && span.name().equals("send mail");
        List<TraceReceiver.Span> received;
        try {
            received = await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(500))
                    .until(
                            () -> platform.traces.trace(traceId),
                            found -> found.stream().anyMatch(gatewayServer)
                                    && found.stream().anyMatch(rightsServer)
                                    && found.stream().anyMatch(disableCall)
                                    && found.stream().anyMatch(mailSent)
                                    // the received mail's span descends from the submission without passing the worker
                                    && found.stream()
                                            .filter(mailSent)
                                            .anyMatch(mail -> services(ancestors(mail, found))
                                                    .equals(List.of(
                                                            "notification-service", "rights-service", "gateway")))
                                    // and the cooling-off mail, from the worker's result handled back in rights-service
                                    && found.stream()
                                            .filter(mailSent)
                                            .anyMatch(mail -> services(ancestors(mail, found))
                                                    .equals(List.of(
                                                            "notification-service",
                                                            "rights-service",
                                                            "deletion-worker",
                                                            "rights-service",
                                                            "gateway"))));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            received = platform.traces.trace(traceId); // the assertions below say what is missing
        }
        var spans = received;
        var dump = spans.stream()
                .map(String::valueOf)
                .collect(Collectors.joining(
                        "\n  ", "trace " + traceId + " (" + platform.traces.exports() + " exports received):\n  ", ""));
        log.info("{}", dump);

        for (var service : List.of("gateway", "rights-service", "deletion-worker", "notification-service")) {
            assertThat(spans)
                    .as("spans of %s in the trace\n%s", service, dump)
                    .anyMatch(span -> span.service().equals(service));
        }
        assertThat(spans)
                .as("the worker's call to disable the account\n%s", dump)
                .anyMatch(disableCall);
        assertThat(spans).as("a mail handed to SMTP\n%s", dump).anyMatch(mailSent);
        var gateway = spans.stream().filter(gatewayServer).toList();
        assertThat(gateway)
                .as("the gateway's span follows the caller's traceparent\n%s", dump)
                .anySatisfy(span -> assertThat(span.parentSpanId()).isEqualTo(callerSpan));
        var root = gateway.stream()
                .filter(span -> span.parentSpanId().equals(callerSpan))
                .findFirst()
                .orElseThrow();
        assertThat(spans).as("rights-service's HTTP span\n%s", dump).anyMatch(rightsServer);
        assertThat(ancestors(spans.stream().filter(rightsServer).findFirst().orElseThrow(), spans))
                .as("rights-service's HTTP span is a child of the gateway's\n%s", dump)
                .contains(root);

        // gateway -> rights-service (HTTP) -> outbox -> RabbitMQ -> deletion-worker -> Keycloak
        var disable = spans.stream().filter(disableCall).findFirst().orElseThrow();
        var disablePath = ancestors(disable, spans);
        assertThat(disablePath)
                .as("the worker's call to Keycloak descends from the gateway's span\n%s", dump)
                .contains(root);
        assertThat(services(disablePath))
                .as("the path of the worker's call\n%s", dump)
                .containsExactly("deletion-worker", "rights-service", "gateway");

        // the received mail: an event written with the request, carried by the outbox's traceparent
        var mails = spans.stream().filter(mailSent).toList();
        assertThat(mails)
                .as("the received mail's span descends from the submission\n%s", dump)
                .anySatisfy(mail -> {
                    var path = ancestors(mail, spans);
                    assertThat(path).contains(root);
                    assertThat(services(path)).containsExactly("notification-service", "rights-service", "gateway");
                });
        // back: the worker's result is handled by rights-service in the trace, and the event it writes (cooling-off
        // started) reaches notification-service in it too
        assertThat(mails)
                .as("the cooling-off mail's span descends from the worker's result\n%s", dump)
                .anySatisfy(mail -> {
                    var path = ancestors(mail, spans);
                    assertThat(path).as("through the worker's listener span").contains(root, disablePath.get(1));
                    assertThat(services(path))
                            .containsExactly(
                                    "notification-service",
                                    "rights-service",
                                    "deletion-worker",
                                    "rights-service",
                                    "gateway");
                });
        assertThat(platform.traces.refused())
                .as("every export was OTLP/HTTP protobuf")
                .isEmpty();

        // after the cooling-off, the scheduler's erasure continues the submission's trace
        await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> api.json(api.call("GET", "/api/v1/requests/" + requestId, token, null))
                                .path("status")
                                .asText(),
                        "COMPLETED"::equals);
        Predicate<TraceReceiver.Span> eraseCall = span -> span.service().equals("deletion-worker")
                && span.name().startsWith("call ")
                && "erase".equalsIgnoreCase(span.attributes().get("action"));
        Predicate<TraceReceiver.Span> keycloakErase =
                eraseCall.and(span -> span.name().equals("call keycloak"));
        var erasing =
                List.of("call analytics", "call billing", "call crm", "call keycloak", "call orders", "call support");
        List<TraceReceiver.Span> whole;
        try {
            whole = await().atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(500))
                    .until(
                            () -> platform.traces.trace(traceId),
                            found -> found.stream()
                                                    .filter(eraseCall)
                                                    .map(TraceReceiver.Span::name)
                                                    .distinct()
                                                    .count()
                                            == erasing.size()
                                    && found.stream()
                                            .filter(keycloakErase)
                                            .anyMatch(erase -> found.stream()
                                                    .filter(mailSent)
                                                    .anyMatch(mail -> ancestors(mail, found)
                                                            .contains(ancestors(erase, found)
                                                                    .get(1)))));
        } catch (org.awaitility.core.ConditionTimeoutException e) {
            whole = platform.traces.trace(traceId); // the assertions below say what is missing
        }
        var all = whole;
        var wholeDump = all.stream()
                .map(String::valueOf)
                .collect(Collectors.joining("\n  ", "trace " + traceId + " after the cooling-off:\n  ", ""));
        log.info("{}", wholeDump);
        assertThat(all.stream()
                        .filter(eraseCall)
                        .map(TraceReceiver.Span::name)
                        .distinct()
                        .sorted())
                .as("every system's erase call after the cooling-off is in the submission's trace\n%s", wholeDump)
                .containsExactlyElementsOf(erasing);
        assertThat(all.stream().filter(eraseCall))
                .as(
                        "each erase call descends from the gateway's span through the scheduler's resumed span\n%s",
                        wholeDump)
                .allSatisfy(erase -> {
                    var path = ancestors(erase, all);
                    assertThat(path).contains(root);
                    assertThat(path)
                            .anyMatch(span -> span.service().equals("rights-service")
                                    && span.name().equals("resume request"));
                });
        // the account goes last, and its result completes the request: the completion mail follows it, in the trace
        var lastStep = all.stream().filter(keycloakErase).findFirst().orElseThrow();
        var lastStepListener = ancestors(lastStep, all).get(1);
        assertThat(all.stream().filter(mailSent))
                .as("the completion mail descends from the worker's last step\n%s", wholeDump)
                .anySatisfy(mail -> assertThat(ancestors(mail, all)).contains(lastStepListener, root));
        assertThat(api.mailsTo(person.email()).stream().map(GatewayApi::subject))
                .as("and it is the completion mail the person got")
                .anyMatch(subject -> subject.contains("carried out") && subject.contains(requestId));

        // the log lines written about the request on reactive threads are in its trace too: context propagation is
        // "limited", so each of them asks for the trace (ContextThreadLocals)
        assertThat(linesAbout(platform.worker, requestId, "DONE after"))
                .as("the worker's line for each finished task (6 systems, 2 steps for the account)")
                .hasSizeGreaterThanOrEqualTo(erasing.size())
                .allSatisfy(line -> assertThat(line).contains("\"traceId\":\"" + traceId + "\""));
        assertThat(linesAbout(platform.notification, requestId, "SENT"))
                .as("notification-service's line for each mail sent")
                .hasSizeGreaterThanOrEqualTo(3)
                .allSatisfy(line -> assertThat(line).contains("\"traceId\":\"" + traceId + "\""));
    }

    /** The JSON lines the service wrote in this run that name the request and hold {@code words}. */
    private static List<String> linesAbout(ServiceProcess service, String requestId, String words) throws IOException {
        var bytes = Files.readAllBytes(service.log);
        var run = new String(
                bytes,
                (int) Math.min(service.logStart, bytes.length),
                (int) Math.max(0, bytes.length - service.logStart),
                StandardCharsets.UTF_8);
        return run.lines()
                .filter(line -> line.contains("request " + requestId) && line.contains(words))
                .toList();
    }

    /** The span and its ancestors within the trace, the span first, as far as the received spans reach. */
    private static List<TraceReceiver.Span> ancestors(TraceReceiver.Span span, List<TraceReceiver.Span> trace) {
        var byId = new HashMap<String, TraceReceiver.Span>();
        trace.forEach(each -> byId.put(each.spanId(), each));
        var path = new java.util.ArrayList<TraceReceiver.Span>();
        for (var at = span; at != null && path.size() < 200; at = byId.get(at.parentSpanId())) {
            path.add(at);
        }
        return path;
    }

    /** The services along a path in the order met, a service's consecutive spans as one. */
    private static List<String> services(List<TraceReceiver.Span> path) {
        var services = new java.util.ArrayList<String>();
        for (var span : path) {
            if (services.isEmpty() || !services.get(services.size() - 1).equals(span.service())) {
                services.add(span.service());
            }
        }
        return services;
    }

    private static String randomHex(int bytes) {
        var value = new byte[bytes];
        do {
            RANDOM.nextBytes(value);
        } while (value[0] == 0);
        return HexFormat.of().formatHex(value);
    }
}
