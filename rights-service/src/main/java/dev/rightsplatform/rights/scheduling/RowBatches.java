package dev.rightsplatform.rights.scheduling;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.transaction.reactive.TransactionalOperator;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;

/**
 * The one safe shape for work over many rows: read a bounded batch of ids to the end, then handle each id in a
 * transaction of its own, batch after batch until one comes back short.
 * <p>
 * Why: a query whose rows are still being streamed holds its connection; a statement issued per row on that same
 * connection (inside a transaction) waits behind the unread rows while the rows wait for the statement — the round
 * hangs forever once more rows arrive than the stream's prefetch (about 32). Reading the ids first removes the wait,
 * and one transaction per row means one bad row is logged and skipped (retried next round) while the rest proceed.
 * The handler re-checks its row's condition under the row's lock, so several replicas never act on a row twice.
 */
public final class RowBatches {

    private static final Logger log = LoggerFactory.getLogger(RowBatches.class);
    /**
     * No new batch starts after this: the rest waits for the next round, so one huge burst is several rounds well
     * within the watchdog's limit rather than one round it would cancel.
     */
    static final Duration BUDGET = Duration.ofSeconds(45);

    private RowBatches() {}

    /**
     * Drains the rows {@code nextBatch} finds, batch after batch for up to {@link #BUDGET} (what is left waits for the
     * next round); returns how many the handler acted on (answered true).
     *
     * @param job the job's name, for the log
     * @param batchSize the most ids {@code nextBatch} returns at once
     * @param nextBatch the next ids to handle, leaving out the ones given (those that failed or no longer qualified in
     *                  this round); it must read without locking, return at most {@code batchSize} ids, and not
     *                  return handled rows again
     * @param handle acts on one id within the transaction it is given; false when the row no longer qualifies
     */
    public static <I> Mono<Integer> drain(
            String job,
            int batchSize,
            Function<List<I>, Mono<List<I>>> nextBatch,
            Function<I, Mono<Boolean>> handle,
            TransactionalOperator transactional) {
        var skipped = new ArrayList<I>();
        var deadline = System.nanoTime() + BUDGET.toNanos();
        return Mono.defer(() -> batch(job, nextBatch, handle, transactional, skipped))
                .expand(result -> result.claimed() >= batchSize && System.nanoTime() < deadline
                        ? batch(job, nextBatch, handle, transactional, skipped)
                        : Mono.empty())
                .map(Result::handled)
                .reduce(0, Integer::sum);
    }

    private static <I> Mono<Result> batch(
            String job,
            Function<List<I>, Mono<List<I>>> nextBatch,
            Function<I, Mono<Boolean>> handle,
            TransactionalOperator transactional,
            List<I> skipped) {
        return nextBatch
                .apply(List.copyOf(skipped))
                .flatMap(ids -> Flux.fromIterable(ids)
                        .concatMap(id -> handle.apply(id)
                                .as(transactional::transactional)
                                .defaultIfEmpty(false)
                                .doOnNext(acted -> {
                                    if (!acted) {
                                        skipped.add(id); // no longer qualifies: not asked for again this round
                                    }
                                })
                                .onErrorResume(e -> {
                                    // ids only: no personal data in the log
                                    log.warn(
                                            "{}: row {} failed, the others go on and it is retried next round: {}",
                                            job,
                                            id,
                                            e.toString());
                                    skipped.add(id);
                                    return Mono.just(false);
                                }))
                        .filter(Boolean::booleanValue)
                        .count()
                        .map(handled -> new Result(ids.size(), handled.intValue())));
    }

    private record Result(int claimed, int handled) {}
}
