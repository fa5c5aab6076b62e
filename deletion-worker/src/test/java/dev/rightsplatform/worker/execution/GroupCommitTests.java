package dev.rightsplatform.worker.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import reactor.core.Disposable;
import reactor.core.publisher.Mono;
import reactor.core.publisher.Sinks;

/**
 * Group commit's batching with a statement the test answers by hand: what goes together, what waits, and what a
 * failed batch does to each of its items.
 */
class GroupCommitTests {

    private final List<Integer> sizes = new CopyOnWriteArrayList<>();

    // Every batch the statement was asked to run, with the sink the test answers it through.
    private final List<Call> calls = new CopyOnWriteArrayList<>();

    private final GroupCommit<String, String> group = new GroupCommit<>(
            items -> {
                Sinks.One<List<String>> answer = Sinks.one();
                this.calls.add(new Call(List.copyOf(items), answer));
                return answer.asMono();
            },
            item -> item.split("#")[0],
            new GroupCommit.Settings(3, Duration.ofSeconds(2), RolledBack.class::isInstance, this.sizes::add));

    @Test
    void anItemGoesAtOnceWhenNothingElseIsWithTheDatabase() {
        List<String> results = new CopyOnWriteArrayList<>();
        this.group.submit("a").subscribe(results::add);

        answer(0, "A");

        assertThat(results).containsExactly("A");
        assertThat(this.calls).extracting(Call::items).containsExactly(List.of("a"));
    }

    @Test
    void whatArrivesWhileABatchRunsGoesAsTheNextBatchUpToItsLimit() {
        List<String> results = new CopyOnWriteArrayList<>();
        for (String item : List.of("a", "b", "c", "d", "e")) {
            this.group.submit(item).subscribe(results::add);
        }
        assertThat(this.calls).extracting(Call::items).containsExactly(List.of("a"));

        answer(0, "A");
        assertThat(this.calls).extracting(Call::items).containsExactly(List.of("a"), List.of("b", "c", "d"));
        answer(1, "B", "C", "D");
        answer(2, "E");

        assertThat(this.calls).extracting(Call::items).last().isEqualTo(List.of("e"));
        assertThat(results).containsExactly("A", "B", "C", "D", "E");
        assertThat(this.sizes).as("each batch's size, for the metric").containsExactly(1, 3, 1);
    }

    @Test
    void twoItemsOfOneKeyNeverShareABatch() {
        List<String> results = new CopyOnWriteArrayList<>();
        for (String item : List.of("a#1", "t#1", "t#2", "b#1")) {
            this.group.submit(item).subscribe(results::add);
        }

        answer(0, "first");
        assertThat(this.calls.get(1).items()).containsExactly("t#1", "b#1");
        answer(1, "T1", "B1");
        assertThat(this.calls.get(2).items()).containsExactly("t#2");
        answer(2, "T2");

        assertThat(results).containsExactly("first", "T1", "B1", "T2");
    }

    @Test
    void aFailedBatchRunsEachItemAgainAloneSoOnlyTheBadOneFails() {
        List<String> outcomes = new CopyOnWriteArrayList<>();
        for (String item : List.of("a", "b", "bad", "c")) {
            this.group.submit(item).subscribe(outcomes::add, error -> outcomes.add(item + " failed"));
        }
        answer(0, "A");
        this.calls.get(1).answer().tryEmitError(new RolledBack());

        assertThat(this.calls.get(2).items()).containsExactly("b");
        answer(2, "B");
        assertThat(this.calls.get(3).items()).containsExactly("bad");
        this.calls.get(3).answer().tryEmitError(new RolledBack());
        answer(4, "C");

        assertThat(this.calls).extracting(Call::items).contains(List.of("c"), List.of("b", "bad", "c"));
        assertThat(outcomes).containsExactly("A", "B", "bad failed", "C");
    }

    @Test
    void anAnswerOfTheWrongSizeFailsItsItemsInsteadOfHangingTheQueue() {
        List<String> outcomes = new CopyOnWriteArrayList<>();
        this.group.submit("a").subscribe(outcomes::add, error -> outcomes.add("a: " + error.getMessage()));
        this.group.submit("b").subscribe(outcomes::add);

        this.calls.get(0).answer().tryEmitEmpty();
        answer(1, "B");

        assertThat(outcomes).containsExactly("a: a ledger batch of 1 answered 0 results", "B");
    }

    @Test
    void aNullAnswerCompletesThatCallerEmpty() {
        GroupCommit<String, String> nullable = new GroupCommit<>(
                items -> {
                    List<String> answers = new ArrayList<>();
                    items.forEach(item -> answers.add(null));
                    return Mono.just(answers);
                },
                item -> item,
                new GroupCommit.Settings(3, Duration.ofSeconds(2), error -> false, size -> {}));

        assertThat(nullable.submit("gone").hasElement().block(Duration.ofSeconds(5)))
                .isFalse();
    }

    @Test
    void anyOtherErrorFailsTheWholeBatchWithoutRunningItAgain() {
        List<String> outcomes = new CopyOnWriteArrayList<>();
        for (String item : List.of("a", "b", "c")) {
            this.group.submit(item).subscribe(outcomes::add, error -> outcomes.add(item + " failed"));
        }
        answer(0, "A");

        this.calls.get(1).answer().tryEmitError(new IllegalStateException("connection lost after the commit"));

        assertThat(outcomes).containsExactly("A", "b failed", "c failed");
        assertThat(this.calls).hasSize(2);
    }

    @Test
    void aBatchThatNeverAnswersFailsAtTheTimeLimitAndTheQueueMovesOn() {
        List<String> outcomes = new CopyOnWriteArrayList<>();
        this.group
                .submit("stuck")
                .subscribe(
                        outcomes::add,
                        error -> outcomes.add("stuck: " + error.getClass().getSimpleName()));
        this.group.submit("next").subscribe(outcomes::add);

        await().atMost(Duration.ofSeconds(10)).until(() -> this.calls.size() == 2);
        answer(1, "NEXT");

        assertThat(outcomes).containsExactly("stuck: TimeoutException", "NEXT");
    }

    @Test
    void aCallerThatCancelsWhileItsItemWaitsLeavesTheQueue() {
        this.group.submit("a").subscribe();
        Disposable gone = this.group.submit("b").subscribe();
        this.group.submit("c").subscribe();

        gone.dispose();
        answer(0, "A");

        assertThat(this.calls.get(1).items()).containsExactly("c");
    }

    private void answer(int call, String... results) {
        assertThat(this.calls).hasSizeGreaterThan(call);
        this.calls.get(call).answer().tryEmitValue(List.of(results));
    }

    /** Stands for an error the statement was rolled back for as a whole (a CHECK, a deadlock). */
    private static final class RolledBack extends RuntimeException {}

    private record Call(List<String> items, Sinks.One<List<String>> answer) {}
}
