package dev.rightsplatform.rights.opendsr;

import dev.rightsplatform.rights.outbox.ChannelOutcome;
import dev.rightsplatform.rights.outbox.ChannelRelay;
import dev.rightsplatform.rights.outbox.OutboxMessage;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.http.MediaType;
import org.springframework.http.client.reactive.ReactorClientHttpConnector;
import org.springframework.stereotype.Component;
import org.springframework.web.reactive.function.client.WebClient;
import org.springframework.web.reactive.function.client.WebClientRequestException;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Schedulers;
import reactor.netty.http.client.HttpClient;

/**
 * Delivers owed status callbacks from the service's outbox (channel {@code opendsr-callback}), signed over the exact
 * stored body. The outbox's relay machinery ({@link ChannelRelay}) claims due rows under a lease — replicas share the
 * work and a crashed sender's rows are taken over — one URL's callbacks of a request in the order they were owed. A 2xx
 * answer delivers; anything else is retried with doubling delays and jitter up to {@code max-attempts}, then the row is
 * FAILED (visible to agents, who may resubmit it). A target that resolves to a refused address fails at once. The
 * outbox row is the delivery log: attempts, last error (a status code or exception type, never the partner's answer),
 * when delivered.
 */
@Component
class CallbackSender extends ChannelRelay {

    static final String CHANNEL = "opendsr-callback";
    static final String MESSAGE_TYPE = "OpenDsrStatusCallback";
    private static final int BATCH = 20;
    /** Callbacks in flight at once: one slow partner must not hold up every other. */
    private static final int CONCURRENCY = 4;

    private final CallbackTargets targets;
    private final SignedResponses signer;
    private final OpenDsrProperties.Callbacks settings;
    private final WebClient http;

    CallbackSender(CallbackTargets targets, SignedResponses signer, OpenDsrProperties properties) {
        super("sending status callbacks", CHANNEL);
        this.targets = targets;
        this.signer = signer;
        this.settings = properties.callbacks();
        // its own client: no redirects are followed (a redirect could lead anywhere, SSRF), nothing shared, and the
        // only name resolution is the targets' pinned resolver, which connects to the address it checked
        this.http = WebClient.builder()
                .clientConnector(new ReactorClientHttpConnector(
                        HttpClient.create().resolver(targets.resolver()).followRedirect(false)))
                .build();
    }

    @Override
    protected Mono<List<ChannelOutcome>> deliver(List<OutboxMessage> batch) {
        return Flux.fromIterable(batch)
                .flatMapSequential(this::send, CONCURRENCY)
                .collectList();
    }

    private Mono<ChannelOutcome> send(OutboxMessage due) {
        URI url;
        try {
            url = URI.create(String.valueOf(due.target()));
        } catch (IllegalArgumentException e) {
            // checked when the request was created; a row that is no URL is failed alone, not the whole batch
            return Mono.just(ChannelOutcome.refusedForGood(due.id(), "target refused: not a URL"));
        }
        return Mono.fromCallable(() -> Optional.ofNullable(targets.refusal(url)))
                .subscribeOn(Schedulers.boundedElastic())
                .flatMap(refusal -> refusal.isPresent()
                        ? Mono.just(ChannelOutcome.refusedForGood(due.id(), "target refused: " + refusal.get()))
                        : post(url, due));
    }

    private Mono<ChannelOutcome> post(URI url, OutboxMessage due) {
        return http.post()
                .uri(url)
                .contentType(MediaType.APPLICATION_JSON)
                .header(SignedResponses.PROCESSOR_DOMAIN, signer.domain())
                .header(SignedResponses.SIGNATURE, signer.sign(due.body()))
                .bodyValue(due.body())
                .exchangeToMono(response ->
                        response.releaseBody().thenReturn(response.statusCode().value()))
                .timeout(settings.timeout())
                .map(status -> status >= 200 && status < 300
                        ? ChannelOutcome.delivered(due.id())
                        : ChannelOutcome.failed(due.id(), "HTTP " + status))
                .onErrorResume(e -> Mono.just(
                        refusedAtConnect(e)
                                ? ChannelOutcome.refusedForGood(
                                        due.id(),
                                        "target refused: "
                                                + new PinnedAddressResolver.RefusedAddressException().getMessage())
                                : ChannelOutcome.failed(
                                        due.id(),
                                        e instanceof WebClientRequestException
                                                ? "connection failed"
                                                : e.getClass().getSimpleName())));
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

    @Override
    protected int batchSize() {
        return BATCH;
    }

    @Override
    protected Duration lease() {
        // a batch is at most BATCH / CONCURRENCY calls deep, each bounded by the timeout (and a DNS lookup)
        return settings.timeout().multipliedBy(2L * BATCH / CONCURRENCY + 2);
    }

    @Override
    protected int maxAttempts() {
        return settings.maxAttempts();
    }

    /** min(initial × 2^(n-1), max), shortened at random by up to 20 % so that retries of many callbacks spread. */
    @Override
    protected Duration backoff(int attempts) {
        var base = settings.initialDelay().multipliedBy(1L << Math.min(attempts - 1, 20));
        var capped = base.compareTo(settings.maxDelay()) > 0 ? settings.maxDelay() : base;
        return capped.minusMillis(
                (long) (capped.toMillis() * 0.2 * ThreadLocalRandom.current().nextDouble()));
    }

    @Override
    protected Duration interval() {
        return settings.interval();
    }
}
