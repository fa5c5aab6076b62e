package dev.rightsplatform.rights.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rightsplatform.rights.support.AbstractRightsIntegrationTests;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;
import tools.jackson.databind.JsonNode;

/**
 * Appends lock their own chain only: a transaction holding one request's chain open stops nobody appending to other
 * requests, and appends to one request from parallel transactions still make one unbroken chain.
 */
class AuditConcurrencyIntegrationTests extends AbstractRightsIntegrationTests {

    @Autowired
    AuditTrail trail;

    @Autowired
    AuditVerification verification;

    @Autowired
    TransactionalOperator transactional;

    @Test
    void appendsToOtherRequestsDoNotWaitForAnOpenTransaction() throws Exception {
        var requests = IntStream.range(0, 9).mapToObj(i -> submit()).toList();
        var held = requests.get(0);
        var appended = new CountDownLatch(1);
        var release = Sinks.<Boolean>one();
        var holder = append(held, "note.added")
                .doOnSuccess(done -> appended.countDown())
                .then(release.asMono())
                .as(transactional::transactional)
                .toFuture();
        assertThat(appended.await(30, TimeUnit.SECONDS)).isTrue();

        // with the chain of `held` locked and uncommitted, every other request's appends go through
        Flux.fromIterable(requests.subList(1, requests.size()))
                .flatMap(
                        id -> Flux.range(0, 5)
                                .concatMap(i -> append(id, "task.done"))
                                .then()
                                .as(transactional::transactional),
                        8)
                .then()
                .block(Duration.ofSeconds(60));
        assertThat(holder).isNotDone();
        assertThat(sessionsWaitingOnALock()).isZero();

        // one more append to `held` waits for the holder's transaction, and only for it
        var waiter = append(held, "task.done").as(transactional::transactional).toFuture();
        await().atMost(Duration.ofSeconds(30)).until(() -> sessionsWaitingOnALock() == 1);
        assertThat(waiter).isNotDone();
        release.tryEmitValue(true);
        holder.get(30, TimeUnit.SECONDS);
        waiter.get(30, TimeUnit.SECONDS);

        var report = verification.verify().block();
        assertThat(report.intact()).as(String.valueOf(report.problems())).isTrue();
        assertThat(positions(held)).endsWith(4L, 5L);
    }

    @Test
    void manyRequestsAppendedInParallelMakeUnbrokenChains() {
        var requests = IntStream.range(0, 40).mapToObj(i -> UUID.randomUUID()).toList();
        var shared = submit();
        // 40 requests with 4 entries each, and 40 transactions that each append once to one shared request
        Flux.fromIterable(requests)
                .flatMap(
                        id -> Flux.range(0, 4)
                                .concatMap(i -> append(id, "step." + i))
                                .then(append(shared, "task.done"))
                                .as(transactional::transactional),
                        16)
                .then()
                .block(Duration.ofSeconds(120));
        var report = verification.verify().block();
        assertThat(report.intact()).as(String.valueOf(report.problems())).isTrue();
        assertThat(report.chainsChecked()).isEqualTo(41);
        assertThat(positions(shared))
                .hasSize(40 + (int) count("audit_entry where request_id = '" + shared + "' and action <> 'task.done'"));
        requests.forEach(id -> assertThat(positions(id)).containsExactly(1L, 2L, 3L, 4L));
    }

    private Mono<Void> append(UUID request, String action) {
        return trail.append(request, "system:rights-service", action, Map.of("action", action));
    }

    private List<Long> positions(UUID request) {
        return db.sql("select pos from audit_entry where chain = :chain order by pos")
                .bind("chain", "request:" + request)
                .map(row -> row.get("pos", Long.class))
                .all()
                .collectList()
                .block();
    }

    private long sessionsWaitingOnALock() {
        return db.sql("""
                        select count(*) as n from pg_stat_activity
                        where datname = current_database() and wait_event_type = 'Lock'""").map(row -> row.get("n", Long.class)).one().block();
    }

    private UUID submit() {
        var id = http.post()
                .uri("/api/v1/requests")
                .headers(h -> h.setBearerAuth(tokens.subject(newSubject())))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"type\":\"DEREGISTER\"}")
                .exchange()
                .expectStatus()
                .isAccepted()
                .expectBody(JsonNode.class)
                .returnResult()
                .getResponseBody()
                .get("id")
                .asString();
        return UUID.fromString(id);
    }
}
