package dev.rightsplatform.worker.support;

import java.time.Duration;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageDeliveryMode;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

import dev.rightsplatform.worker.DeletionWorkerApplication;
import dev.rightsplatform.worker.execution.TaskExecution;
import dev.rightsplatform.worker.execution.TaskExecutions;
import dev.rightsplatform.worker.messaging.Topology;
import dev.rightsplatform.worker.retry.Backoff;

/**
 * Base of the tests that run the whole worker against real PostgreSQL (worker_test), real RabbitMQ (vhost
 * rights-test) and the fake downstream systems. Every subclass shares one application context; each test starts
 * from empty queues, an empty ledger and fresh fake systems.
 */
@SpringBootTest(classes = DeletionWorkerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("test")
public abstract class WorkerIntegrationTest {

    protected static final FakeSystems fakes = FakeSystems.shared();

    @Autowired
    protected RabbitTemplate rabbit;

    @Autowired
    protected AmqpAdmin admin;

    @Autowired
    protected DatabaseClient db;

    @Autowired
    protected JsonMapper json;

    @Autowired
    protected TaskExecutions executions;

    @Autowired
    private Backoff backoff;

    protected ResultInbox results;

    @DynamicPropertySource
    static void workerProperties(DynamicPropertyRegistry registry) {
        for (String secret : new String[] { "WORKER_DB_PASSWORD", "WORKER_KEYCLOAK_CLIENT_SECRET",
                "WORKER_SYSTEMS_CRM_SECRET", "WORKER_SYSTEMS_ORDERS_SECRET" }) {
            registry.add(secret, () -> DevSecrets.get(secret));
        }
        fakes.all().forEach((name, system) -> {
            registry.add("worker.systems." + name + ".type", () -> "http");
            registry.add("worker.systems." + name + ".url", () -> fakes.urlOf(name));
            registry.add("worker.systems." + name + ".secret", system::secret);
            registry.add("worker.systems." + name + ".timeout", () -> FakeSystems.SLOW.equals(name) ? "500ms" : "3s");
        });
    }

    @BeforeEach
    void startFromScratch() {
        this.results = new ResultInbox(this.rabbit, this.admin);
        this.admin.purgeQueue(Topology.TASKS_QUEUE, false);
        this.admin.purgeQueue(Topology.PARKED_QUEUE, false);
        this.backoff.distinctDelays().forEach(delay -> this.admin.purgeQueue(Backoff.queueFor(delay), false));
        this.db.sql("TRUNCATE task_execution").then().block(Duration.ofSeconds(10));
        fakes.resetAll();
    }

    /** Publishes the task to rights.tasks as rights-service does. */
    protected void send(TestTask task) {
        send(task.routingKey(), this.json.writeValueAsBytes(task.json()), task.taskId().toString());
    }

    protected void send(String routingKey, byte[] body, String messageId) {
        MessageProperties properties = new MessageProperties();
        properties.setContentType(MessageProperties.CONTENT_TYPE_JSON);
        properties.setDeliveryMode(MessageDeliveryMode.PERSISTENT);
        properties.setMessageId(messageId);
        properties.setType("TaskCommand");
        this.rabbit.send(Topology.TASKS_EXCHANGE, routingKey, new Message(body, properties));
    }

    protected JsonNode awaitResult(TestTask task) {
        return ResultInbox.body(this.results.awaitOne(task.taskId()));
    }

    protected TaskExecution execution(UUID taskId) {
        return this.executions.find(taskId).blockOptional(Duration.ofSeconds(10)).orElseThrow();
    }
}
