package dev.rightsplatform.worker.task;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rightsplatform.worker.support.AbstractWorkerIntegrationTests;
import dev.rightsplatform.worker.support.FakeSystem;
import dev.rightsplatform.worker.support.FakeSystem.Reply;
import dev.rightsplatform.worker.support.FakeSystems;
import dev.rightsplatform.worker.support.TestTask;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * One slow system does not slow the others: "sluggish" answers in 2 s per call and takes 2 calls at once, "quick"
 * answers at once and takes 4. With 8 sluggish tasks queued first, the 20 quick ones still finish in a fraction of
 * the time the sluggish ones need. The figures are printed; the assertions leave wide margins for a busy machine.
 */
class IsolationIntegrationTests extends AbstractWorkerIntegrationTests {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(IsolationIntegrationTests.class);

    private static final Duration SLUGGISH_CALL = Duration.ofSeconds(2);

    @Test
    void aSlowSystemHoldsUpOnlyItself() {
        FakeSystem sluggish =
                fakes.system(FakeSystems.SLUGGISH).alwaysReply(Reply.ok("slow").after(SLUGGISH_CALL));
        List<UUID> slowTasks = new ArrayList<>();
        List<UUID> quickTasks = new ArrayList<>();
        Instant start = Instant.now();
        for (int i = 0; i < 8; i++) {
            slowTasks.add(sendTask("sluggish"));
        }
        for (int i = 0; i < 20; i++) {
            quickTasks.add(sendTask("quick"));
        }

        Duration quick = Duration.between(start, this.results.awaitAll(quickTasks, Duration.ofSeconds(30)));
        Duration slow = Duration.between(start, this.results.awaitAll(slowTasks, Duration.ofSeconds(60)));

        LOG.info(String.format(
                "[isolation] 20 tasks of quick (instant, concurrency 4): all done after %d ms", quick.toMillis()));
        LOG.info(String.format(
                "[isolation] 8 tasks of sluggish (2 s per call, concurrency 2): all done after %d ms",
                slow.toMillis()));
        assertThat(quick).as("quick is not held up by sluggish").isLessThan(slow.dividedBy(2));
        assertThat(slow).as("sluggish takes 4 rounds of 2 calls").isGreaterThanOrEqualTo(SLUGGISH_CALL.multipliedBy(4));
        assertThat(maxCallsAtOnce(sluggish.calls()))
                .as("never more than its concurrency")
                .isLessThanOrEqualTo(2);
    }

    private UUID sendTask(String systemId) {
        TestTask task = TestTask.erase(systemId);
        send(task);
        return task.taskId();
    }

    /** How many calls overlapped at most, each lasting SLUGGISH_CALL from its arrival (less a little slack). */
    private static int maxCallsAtOnce(List<FakeSystem.Call> calls) {
        int most = 0;
        for (FakeSystem.Call call : calls) {
            Instant at = call.receivedAt();
            long running = calls.stream()
                    .filter(other -> !other.receivedAt().isAfter(at)
                            && other.receivedAt()
                                    .plus(SLUGGISH_CALL.minusMillis(100))
                                    .isAfter(at))
                    .count();
            most = Math.max(most, (int) running);
        }
        return most;
    }
}
