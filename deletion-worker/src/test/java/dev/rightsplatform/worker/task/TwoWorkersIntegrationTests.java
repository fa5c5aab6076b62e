package dev.rightsplatform.worker.task;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rightsplatform.worker.DeletionWorkerApplication;
import dev.rightsplatform.worker.execution.TaskExecution;
import dev.rightsplatform.worker.messaging.Topology;
import dev.rightsplatform.worker.support.AbstractWorkerIntegrationTests;
import dev.rightsplatform.worker.support.FakeSystem;
import dev.rightsplatform.worker.support.FakeSystems;
import dev.rightsplatform.worker.support.TestTask;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Two worker instances (this test's context and a second one started here) consume the same queues on one broker.
 * Every task is sent twice, so the duplicates race each other across the instances too; still every system is
 * called exactly once per task.
 */
class TwoWorkersIntegrationTests extends AbstractWorkerIntegrationTests {

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(TwoWorkersIntegrationTests.class);

    private static final int TASKS_PER_SYSTEM = 25;

    @Test
    void twoInstancesCarryOutEveryTaskExactlyOnce() {
        Map<String, Object> properties = new LinkedHashMap<>(testProperties());
        properties.put("server.port", 0);
        // As arguments: they must win over application.yml (builder properties would only be defaults).
        String[] arguments = properties.entrySet().stream()
                .map(setting -> "--" + setting.getKey() + "=" + setting.getValue())
                .toArray(String[]::new);
        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(DeletionWorkerApplication.class)
                .profiles("test", "dev")
                .run(arguments)) {
            Awaitility.await()
                    .atMost(Duration.ofSeconds(30))
                    // one consumer per system in each instance
                    .until(() -> consumers("quick") == 2 && consumers("crm") == 2);

            List<TestTask> tasks = new ArrayList<>();
            for (int i = 0; i < TASKS_PER_SYSTEM; i++) {
                tasks.add(TestTask.erase("quick"));
                tasks.add(TestTask.erase("crm"));
            }
            tasks.forEach(this::send);
            tasks.forEach(this::send);

            this.results.awaitAll(tasks.stream().map(TestTask::taskId).toList(), Duration.ofSeconds(60));
            for (TestTask task : tasks) {
                FakeSystem system = fakes.system(task.systemId());
                assertThat(system.callsFor(task.taskId()))
                        .as("calls of %s for %s", task.systemId(), task.taskId())
                        .hasSize(1);
                TaskExecution row = execution(task.taskId());
                assertThat(row.attempts()).isEqualTo(1);
            }
            LOG.info(String.format(
                    "[two workers] %d tasks sent twice each to 2 instances; calls: quick %d, crm %d",
                    tasks.size(),
                    fakes.system(FakeSystems.QUICK).calls().size(),
                    fakes.system(FakeSystems.CRM).calls().size()));
            assertThat(fakes.system(FakeSystems.QUICK).calls()).hasSize(TASKS_PER_SYSTEM);
            assertThat(fakes.system(FakeSystems.CRM).calls()).hasSize(TASKS_PER_SYSTEM);
        }
    }

    private int consumers(String systemId) {
        var info = this.admin.getQueueInfo(Topology.tasksQueue(systemId));
        return info == null ? 0 : info.getConsumerCount();
    }
}
