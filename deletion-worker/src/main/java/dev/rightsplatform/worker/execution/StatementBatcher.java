package dev.rightsplatform.worker.execution;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * Group commit for one ledger statement: what arrives while earlier batches are being written waits, and goes
 * together in the next statement (one round trip, one commit). No timer: a lone task is written at once, and the
 * busier the worker, the larger the batches. At most one entry per task in a batch (a second waits for the next),
 * so each row is written once per statement and each answer belongs to one caller.
 *
 * @param <I> what one caller asks to write, keyed by its task id
 * @param <O> what the statement answered for that task; a task it did not answer completes empty
 */
final class StatementBatcher<I, O> {

    private final Function<I, UUID> taskIdOf;

    private final Function<List<I>, Mono<Map<UUID, O>>> write;

    private final int maxBatch;

    private final int maxInFlight;

    private final Queue<Waiting<I, O>> waiting = new ArrayDeque<>();

    private int inFlight;

    StatementBatcher(
            Function<I, UUID> taskIdOf, Function<List<I>, Mono<Map<UUID, O>>> write, int maxBatch, int maxInFlight) {
        this.taskIdOf = taskIdOf;
        this.write = write;
        this.maxBatch = maxBatch;
        this.maxInFlight = maxInFlight;
    }

    Mono<O> submit(I input) {
        return Mono.create(sink -> {
            synchronized (this) {
                this.waiting.add(new Waiting<>(input, sink));
            }
            drain();
        });
    }

    private void drain() {
        List<List<Waiting<I, O>>> batches = new ArrayList<>();
        synchronized (this) {
            while (this.inFlight < this.maxInFlight && !this.waiting.isEmpty()) {
                batches.add(nextBatch());
                this.inFlight++;
            }
        }
        batches.forEach(this::write);
    }

    /** Under the lock: the oldest waiting entries, one per task, at most maxBatch. */
    private List<Waiting<I, O>> nextBatch() {
        List<Waiting<I, O>> batch = new ArrayList<>();
        List<Waiting<I, O>> later = new ArrayList<>();
        Set<UUID> tasks = new HashSet<>();
        while (batch.size() < this.maxBatch && !this.waiting.isEmpty()) {
            Waiting<I, O> next = this.waiting.poll();
            if (tasks.add(this.taskIdOf.apply(next.input()))) {
                batch.add(next);
            } else {
                later.add(next);
            }
        }
        if (!later.isEmpty()) {
            // keep their order ahead of everything that arrived after them
            later.addAll(this.waiting);
            this.waiting.clear();
            this.waiting.addAll(later);
        }
        return batch;
    }

    private void write(List<Waiting<I, O>> batch) {
        Mono.defer(() -> this.write.apply(batch.stream().map(Waiting::input).toList()))
                .subscribe(
                        answers -> batch.forEach(entry -> {
                            O answer = answers.get(this.taskIdOf.apply(entry.input()));
                            if (answer != null) {
                                entry.sink().success(answer);
                            } else {
                                entry.sink().success();
                            }
                        }),
                        failure -> {
                            batch.forEach(entry -> entry.sink().error(failure));
                            done();
                        },
                        () -> {
                            batch.forEach(entry -> entry.sink().success()); // no-op for those answered already
                            done();
                        });
    }

    private void done() {
        synchronized (this) {
            this.inFlight--;
        }
        drain();
    }

    private record Waiting<I, O>(I input, MonoSink<O> sink) {}
}
