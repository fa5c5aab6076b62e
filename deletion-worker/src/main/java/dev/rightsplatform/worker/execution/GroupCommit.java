package dev.rightsplatform.worker.execution;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.IntConsumer;
import java.util.function.Predicate;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import reactor.core.publisher.Mono;
import reactor.core.publisher.MonoSink;

/**
 * Group commit for one kind of ledger statement: callers submit one item each; while a batch is with the database,
 * what arrives meanwhile waits and goes as the next batch, one statement and one commit for all of it. Nothing waits
 * for a timer, so an idle worker's item goes at once and batches only form under load, as large as the load makes
 * them (at most maxBatch).
 *
 * <p>A batch holds at most one item per key (a task id): two deliveries of one task in one multi-row statement would
 * either fail it (ON CONFLICT cannot touch a row twice) or settle both at once, so the second waits for the next
 * batch and then sees what the first left, exactly as two single statements in a row would.
 *
 * <p>When a batch of several fails with an error the statement was rolled back for as a whole (a value a CHECK
 * rejects, a deadlock: {@code rolledBack}), each of its items is run again alone, so one item the database refuses
 * fails only its own caller. Any other error (a lost connection, the time limit, a failure after the commit) fails
 * every item of the batch, as it would have failed each single statement: their deliveries are handed back and the
 * ledger's rules settle them when they come again. A batch that takes longer than {@code timeout} fails, so one
 * connection that stops answering cannot hold every later item in the queue.
 *
 * <p>The batch runs outside any one caller's Reactor context (it serves many): its statement belongs to no task's
 * trace. Callers are completed on the thread that read the database's answer; a caller that cancels while its item
 * still waits leaves the queue.
 *
 * @param <I> what one caller submits
 * @param <O> what that caller gets back
 */
final class GroupCommit<I, O extends @Nullable Object> {

    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    /** Runs one batch as one statement; answers one output per input, in the inputs' order. */
    @FunctionalInterface
    interface Statement<I, O> {
        Mono<List<O>> run(List<I> items);
    }

    /**
     * How a group commit behaves.
     *
     * @param maxBatch the most items in one statement
     * @param timeout the longest a batch may take
     * @param rolledBack whether an error means the statement was rolled back as a whole (safe to run its items again)
     * @param batchSizes hears the size of each batch as it goes to the database (a metric)
     */
    record Settings(int maxBatch, Duration timeout, Predicate<Throwable> rolledBack, IntConsumer batchSizes) {
        Settings {
            if (maxBatch < 1) {
                throw new IllegalArgumentException("maxBatch must be at least 1");
            }
        }
    }

    private final Statement<I, O> statement;

    private final Function<I, Object> key;

    private final Settings settings;

    // Guarded by this: the waiting items and whether a batch is with the database.
    private final ArrayDeque<Pending<I, O>> queue = new ArrayDeque<>();

    private boolean running;

    GroupCommit(Statement<I, O> statement, Function<I, Object> key, Settings settings) {
        this.statement = statement;
        this.key = key;
        this.settings = settings;
    }

    Mono<O> submit(I item) {
        return Mono.create(sink -> {
            sink.onCancel(() -> {
                synchronized (this) {
                    this.queue.removeIf(pending -> pending.sink() == sink);
                }
            });
            synchronized (this) {
                this.queue.add(new Pending<>(item, sink, false));
            }
            drain();
        });
    }

    private void drain() {
        List<Pending<I, O>> batch;
        synchronized (this) {
            if (this.running || this.queue.isEmpty()) {
                return;
            }
            batch = takeBatch();
            this.running = true;
        }
        this.settings.batchSizes().accept(batch.size());
        List<I> items = new ArrayList<>(batch.size());
        batch.forEach(pending -> items.add(pending.item()));
        Mono<List<O>> outputs;
        try {
            outputs = this.statement.run(items);
        } catch (RuntimeException ex) {
            outputs = Mono.error(ex);
        }
        // An empty answer would leave the batch running forever: it becomes a count mismatch instead.
        outputs.timeout(this.settings.timeout())
                .defaultIfEmpty(List.of())
                .subscribe(results -> complete(batch, results), error -> fail(batch, error));
    }

    // Items in arrival order, one per key; an item to run alone (its batch failed) goes by itself.
    private List<Pending<I, O>> takeBatch() {
        List<Pending<I, O>> batch = new ArrayList<>();
        Pending<I, O> head = this.queue.peekFirst();
        if (head != null && head.alone()) {
            batch.add(this.queue.pollFirst());
            return batch;
        }
        Set<Object> keys = new HashSet<>();
        for (Iterator<Pending<I, O>> it = this.queue.iterator();
                it.hasNext() && batch.size() < this.settings.maxBatch(); ) {
            Pending<I, O> pending = it.next();
            if (!pending.alone() && keys.add(this.key.apply(pending.item()))) {
                batch.add(pending);
                it.remove();
            }
        }
        return batch;
    }

    // The next batch goes to the database first, then this batch's callers carry on (on this thread). Nothing a
    // caller does may come back here as an error: that would run answered items again.
    private void complete(List<Pending<I, O>> batch, List<O> results) {
        done();
        if (results.size() != batch.size()) {
            IllegalStateException mismatch = new IllegalStateException(
                    "a ledger batch of " + batch.size() + " answered " + results.size() + " results");
            batch.forEach(pending -> answer(() -> pending.sink().error(mismatch)));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            MonoSink<O> sink = batch.get(i).sink();
            O result = results.get(i);
            answer(() -> sink.success(result));
        }
    }

    private void fail(List<Pending<I, O>> batch, Throwable error) {
        if (batch.size() == 1 || !this.settings.rolledBack().test(error)) {
            done();
            batch.forEach(pending -> answer(() -> pending.sink().error(error)));
            return;
        }
        synchronized (this) {
            // back to the front, in their order, each to run alone
            for (int i = batch.size() - 1; i >= 0; i--) {
                Pending<I, O> pending = batch.get(i);
                this.queue.addFirst(new Pending<>(pending.item(), pending.sink(), true));
            }
        }
        done();
    }

    private static void answer(Runnable completion) {
        try {
            completion.run();
        } catch (RuntimeException ex) {
            log.warn("A ledger caller failed on its answer ({})", ex.getClass().getSimpleName(), ex);
        }
    }

    private void done() {
        synchronized (this) {
            this.running = false;
        }
        drain();
    }

    private record Pending<I, O>(I item, MonoSink<O> sink, boolean alone) {}
}
