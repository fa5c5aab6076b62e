package dev.rightsplatform.rights.opendsr;

import dev.rightsplatform.rights.scheduling.PeriodicWork;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;

/**
 * Delivers owed status callbacks, signed over the exact stored body: due rows are claimed with a lease
 * ({@code FOR UPDATE SKIP LOCKED}, so replicas share the work and a crashed sender's rows are taken over), one URL's
 * callbacks in the order they were owed. A 2xx answer delivers; anything else is retried with doubling delays and
 * jitter up to {@code max-attempts}, then logged as failed. The table is the delivery log: attempts, last error
 * (a status code or exception type, never the partner's answer), when delivered.
 */
@Component
class CallbackSender extends PeriodicWork {

    private static final Logger log = LoggerFactory.getLogger(CallbackSender.class);
    private static final int BATCH = 20;

    private final DatabaseClient db;
    private final CallbackTargets targets;
    private final SignedResponses signer;
    private final OpenDsrProperties.Callbacks settings;
    private final WebClient http;
    private final Clock clock;

    CallbackSender(
            DatabaseClient db,
            CallbackTargets targets,
            SignedResponses signer,
            OpenDsrProperties properties,
            Clock clock) {
        super("sending status callbacks");
        this.db = db;
        this.targets = targets;
        this.signer = signer;
        this.settings = properties.callbacks();
        // its own client: no redirects are followed (a redirect could lead anywhere, SSRF), nothing shared, and the
        // only name resolution is the targets' pinned resolver, which connects to the address it checked
        this.http = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(
                        HttpClient.create().resolver(targets.resolver()).followRedirect(false)))
                .build();
        this.clock = clock;
    }

    /** Sends every due callback it can claim; emits how many were delivered. */
    Mono<Long> sendDue() {
        var now = clock.instant();
        return db.sql("""
                        update opendsr_callback c set lease_until = :lease
                        where id in (select id from opendsr_callback d
                                     where d.status = 'PENDING' and d.next_attempt_at <= :now
                                       and (d.lease_until is null or d.lease_until < :now)
                                       and not exists (select 1 from opendsr_callback e
                                                       where e.subject_request_id = d.subject_request_id and e.url = d.url
                                                         and e.status = 'PENDING' and e.created_at < d.created_at)
                                     order by d.next_attempt_at limit :batch for update skip locked)
                        returning id, url, body, attempts""")
                .bind("lease", now.plus(settings.timeout().multipliedBy(3)))
                .bind("now", now)
                .bind("batch", BATCH)
                .map(row -> new Due(
                        row.get("id", UUID.class),
                        row.get("url", String.class),
                        bytes(row.get("body")),
                        row.get("attempts", Integer.class)))
                .all()
                .collectList() // read to the end first: the sends must not hold the claiming query's connection
                .flatMapMany(Flux::fromIterable)
                .flatMap(this::send, 4)
                .filter(Boolean::booleanValue)
                .count();
    }

    private Mono<Boolean> send(Due due) {
        var url = URI.create(due.url());
        return Mono.fromCallable(() -> targets.refusal(url))
                .subscribeOn(Schedulers.boundedElastic())
                .map(java.util.Optional::of)
                .defaultIfEmpty(java.util.Optional.empty())
                .flatMap(refusal ->
                        refusal.isPresent() ? failed(due, "target refused: " + refusal.get(), true) : post(url, due));
    }

    private Mono<Boolean> post(URI url, Due due) {
        return http.post()
                .uri(url)
                .contentType(MediaType.APPLICATION_JSON)
                .header(SignedResponses.PROCESSOR_DOMAIN, signer.domain())
                .header(SignedResponses.SIGNATURE, signer.sign(due.body()))
                .bodyValue(due.body())
                .exchangeToMono(response ->
                        response.releaseBody().thenReturn(response.statusCode().value()))
                .timeout(settings.timeout())
                .flatMap(
                        status -> status >= 200 && status < 300 ? delivered(due) : failed(due, "HTTP " + status, false))
                .onErrorResume(e -> refusedAtConnect(e)
                        ? failed(
                                due,
                                "target refused: " + new PinnedAddressResolver.RefusedAddressException().getMessage(),
                                true)
                        : failed(
                                due,
                                e instanceof WebClientRequestException
                                        ? "connection failed"
                                        : e.getClass().getSimpleName(),
                                false));
    }

    /** The pinned resolver found the host now resolves to an address callbacks may not reach: no use retrying. */
    private static boolean refusedAtConnect(Throwable error) {
        for (var cause = error; cause != null; cause = cause.getCause()) {
            if (cause instanceof PinnedAddressResolver.RefusedAddressException) {
                return true;
            }
        }
        return false;
    }

    private Mono<Boolean> delivered(Due due) {
        return db.sql("""
                        update opendsr_callback set status = 'DELIVERED', attempts = attempts + 1, delivered_at = :now,
                            lease_until = null, last_error = null where id = :id""")
                .bind("now", clock.instant())
                .bind("id", due.id())
                .then()
                .thenReturn(true);
    }

    private Mono<Boolean> failed(Due due, String error, boolean permanent) {
        var attempts = due.attempts() + 1;
        var last = permanent || attempts >= settings.maxAttempts();
        if (last) {
            log.warn("status callback {} failed for good after {} attempts: {}", due.id(), attempts, error);
        }
        return db.sql("""
                        update opendsr_callback set status = :status, attempts = :attempts, last_error = :error,
                            next_attempt_at = :next, lease_until = null where id = :id""")
                .bind("status", last ? "FAILED" : "PENDING")
                .bind("attempts", attempts)
                .bind("error", error)
                .bind("next", clock.instant().plus(backoff(attempts)))
                .bind("id", due.id())
                .then()
                .thenReturn(false);
    }

    /** min(initial × 2^(n-1), max), shortened at random by up to 20 % so that retries of many callbacks spread. */
    private Duration backoff(int attempts) {
        var base = settings.initialDelay().multipliedBy(1L << Math.min(attempts - 1, 20));
        var capped = base.compareTo(settings.maxDelay()) > 0 ? settings.maxDelay() : base;
        return capped.minusMillis(
                (long) (capped.toMillis() * 0.2 * ThreadLocalRandom.current().nextDouble()));
    }

    private static byte[] bytes(Object value) {
        if (value instanceof byte[] array) {
            return array;
        }
        var buffer = (ByteBuffer) value;
        var array = new byte[buffer.remaining()];
        buffer.get(array);
        return array;
    }

    @Override
    protected Duration interval() {
        return settings.interval();
    }

    @Override
    protected Mono<?> round() {
        return sendDue();
    }

    private record Due(UUID id, String url, byte[] body, int attempts) {}
}
