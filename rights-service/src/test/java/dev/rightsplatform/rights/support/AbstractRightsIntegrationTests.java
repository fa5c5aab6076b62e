package dev.rightsplatform.rights.support;

import dev.rightsplatform.testsupport.TestKeystores;
import dev.rightsplatform.testsupport.TestTokens;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.core.MessageProperties;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.web.reactive.server.WebTestClient;

/**
 * Base of the integration tests: the real service on a random port, real PostgreSQL (database rights_test) and real
 * RabbitMQ (vhost rights-service-test), see application-it.yml; infra/local/prepare creates both. Tables are emptied
 * and the test's own observation queues purged before each test.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
// dev: application-it.yml's database password is the committed development one, refused under any other profile
@ActiveProfiles({"it", "dev"})
public abstract class AbstractRightsIntegrationTests {

    protected static final TestTokens tokens = TestTokens.get();

    @LocalServerPort
    protected int port;

    @Autowired
    protected DatabaseClient db;

    @Autowired
    protected RabbitTemplate rabbit;

    @Autowired
    protected RabbitAdmin rabbitAdmin;

    protected WebTestClient http;
    protected Queue observedTasks;
    protected Queue observedEvents;

    @DynamicPropertySource
    static void tokenIssuer(DynamicPropertyRegistry registry) {
        registry.add("spring.security.oauth2.resourceserver.jwt.jwk-set-uri", tokens::jwkSetUri);
        registry.add(
                "rights.opendsr.keystore.path",
                () -> TestKeystores.processor().path().toString());
        registry.add(
                "rights.opendsr.keystore.password",
                () -> TestKeystores.processor().password());
    }

    @BeforeEach
    void resetState() {
        db.sql(
                        "truncate rights_request, request_task, task_retention, request_note, idempotency_key, audit_entry, audit_pending, audit_anchor_head, audit_anchor, outbox_message cascade")
                .then()
                .block();
        observedTasks = observe("rights.tasks", "task.#");
        observedEvents = observe("rights.events", "request.#");
        http = WebTestClient.bindToServer()
                .baseUrl("http://127.0.0.1:" + port)
                .responseTimeout(Duration.ofSeconds(20))
                .build();
    }

    private Queue observe(String exchange, String pattern) {
        // a plain queue that expires a minute after its last use (AnonymousQueue adds an argument RabbitMQ 3.10
        // refuses)
        var queue = new Queue("test.observe." + UUID.randomUUID(), false, false, false, Map.of("x-expires", 60_000));
        rabbitAdmin.declareQueue(queue);
        rabbitAdmin.declareBinding(
                BindingBuilder.bind(queue).to(new TopicExchange(exchange)).with(pattern));
        return queue;
    }

    /** Waits for {@code count} messages on a queue the test observes. */
    protected List<Message> receive(Queue queue, int count) {
        var received = new ArrayList<Message>();
        while (received.size() < count) {
            var message = rabbit.receive(queue.getName(), 10_000);
            if (message == null) {
                throw new AssertionError(
                        "expected " + count + " messages on " + queue.getName() + ", got " + received.size());
            }
            received.add(message);
        }
        return received;
    }

    protected String body(Message message) {
        return new String(message.getBody(), StandardCharsets.UTF_8);
    }

    /** Publishes a TaskResult as deletion-worker would. */
    protected void publishResult(Map<String, Object> result) {
        var json = new StringBuilder("{");
        result.forEach((key, value) -> json.append(json.length() > 1 ? "," : "")
                .append('"')
                .append(key)
                .append("\":")
                .append(value == null ? "null" : value instanceof Number ? value.toString() : "\"" + value + "\""));
        json.append('}');
        publishRawResult(json.toString(), result.get("taskId") + ":result", "result." + result.get("systemId"));
    }

    protected void publishRawResult(String json, String messageId, String routingKey) {
        var message = MessageBuilder.withBody(json.getBytes(StandardCharsets.UTF_8))
                .setContentType(MessageProperties.CONTENT_TYPE_JSON)
                .setMessageId(messageId)
                .setType("TaskResult")
                .build();
        rabbit.send("rights.task-results", routingKey, message);
    }

    protected long count(String table) {
        return db.sql("select count(*) as n from " + table)
                .map(row -> row.get("n", Long.class))
                .one()
                .block();
    }

    protected static String newSubject() {
        return "user-" + UUID.randomUUID();
    }
}
