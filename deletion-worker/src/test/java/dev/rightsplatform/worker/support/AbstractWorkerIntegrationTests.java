package dev.rightsplatform.worker.support;

import dev.rightsplatform.worker.DeletionWorkerApplication;
import dev.rightsplatform.worker.connector.ConnectedSystem;
import dev.rightsplatform.worker.connector.Connectors;
import dev.rightsplatform.worker.execution.TaskExecution;
import dev.rightsplatform.worker.execution.TaskExecutions;
import dev.rightsplatform.worker.messaging.Topology;
import dev.rightsplatform.worker.retry.Backoff;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
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
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Base of the tests that run the whole worker against real PostgreSQL (worker_test), real RabbitMQ (vhost
 * rights-test) and the fake downstream systems, with the registry src/test/resources/systems-test.yml. Every
 * subclass shares one application context; each test starts from empty queues, an empty ledger and fresh fake
 * systems. The worker listens on a port fixed before it starts, because the registry gives it to the OpenDSR
 * processor as the callback address.
 */
@SpringBootTest(classes = DeletionWorkerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.DEFINED_PORT)
// dev: the tests log in with the committed development secrets, which the worker refuses under any other profile
@ActiveProfiles({"test", "dev"})
public abstract class AbstractWorkerIntegrationTests {

    protected static final FakeSystems fakes = FakeSystems.shared();

    protected static final FakeOpenDsrProcessor processor = FakeOpenDsrProcessor.shared();

    /** rights-service's collections endpoint, where COLLECT uploads its parts. */
    protected static final UploadReceiver receiver = UploadReceiver.shared();

    /** The worker's HTTP port, where systems post their callbacks. */
    protected static final int PORT = freePort();

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

    @Autowired
    private Connectors connectors;

    protected ResultInbox results;

    @DynamicPropertySource
    static void workerProperties(DynamicPropertyRegistry registry) {
        testProperties().forEach((name, value) -> registry.add(name, () -> value));
        registry.add("server.port", () -> PORT);
    }

    /**
     * What the registry file and application.yml need from the tests: secrets, and where the fake systems are.
     * Another worker instance started in a test gets the same.
     */
    protected static Map<String, Object> testProperties() {
        Map<String, Object> properties = new LinkedHashMap<>();
        for (String secret :
                new String[] {"WORKER_DB_PASSWORD", "WORKER_KEYCLOAK_CLIENT_SECRET", "WORKER_SYSTEMS_CRM_SECRET"}) {
            properties.put(secret, DevSecrets.get(secret));
        }
        properties.put("test.fakes.url", fakes.baseUrl());
        fakes.all().forEach((name, system) -> properties.put("test.fakes.secret." + name, system.secret()));
        properties.put("test.opendsr.url", processor.baseUrl());
        properties.put("test.opendsr.api-key", FakeOpenDsrProcessor.API_KEY);
        properties.put("test.downstream-db.password", "unused-with-trust-authentication");
        properties.put("test.worker.url", workerUrl());
        properties.put("worker.collections.upload-url", receiver.uploadUrl());
        return properties;
    }

    protected static String workerUrl() {
        return "http://127.0.0.1:" + PORT;
    }

    @BeforeEach
    void startFromScratch() {
        this.results = new ResultInbox(this.rabbit, this.admin);
        this.admin.purgeQueue(Topology.PARKED_QUEUE, false);
        for (ConnectedSystem system : this.connectors.systems()) {
            this.admin.purgeQueue(Topology.tasksQueue(system.id()), false);
            this.backoff
                    .distinctDelays()
                    .forEach(delay -> this.admin.purgeQueue(Backoff.queueFor(system.id(), delay), false));
            system.connector()
                    .statusInterval()
                    .ifPresent(interval -> this.admin.purgeQueue(Topology.checkQueue(system.id(), interval), false));
        }
        this.db.sql("TRUNCATE task_execution").then().block(Duration.ofSeconds(10));
        fakes.resetAll();
        receiver.reset();
    }

    /** Publishes the task to rights.tasks as rights-service does. */
    protected void send(TestTask task) {
        send(
                task.routingKey(),
                this.json.writeValueAsBytes(task.json()),
                task.taskId().toString());
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
        return this.executions
                .find(taskId)
                .blockOptional(Duration.ofSeconds(10))
                .orElseThrow();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException ex) {
            throw new UncheckedIOException(ex);
        }
    }
}
