package dev.rightsplatform.worker.support;

import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A test queue bound to rights.task-results (result.#), standing in for rights-service's queue. */
public final class ResultInbox {

    public static final String QUEUE = "deletion-worker.test.results";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final RabbitTemplate rabbit;

    private final List<Message> received = new CopyOnWriteArrayList<>();

    private final Map<UUID, Instant> firstArrival = new ConcurrentHashMap<>();

    ResultInbox(RabbitTemplate rabbit, AmqpAdmin admin) {
        this.rabbit = rabbit;
        Queue queue = new Queue(QUEUE, false, false, false);
        admin.declareQueue(queue);
        admin.declareBinding(BindingBuilder.bind(queue)
                .to(new TopicExchange("rights.task-results"))
                .with("result.#"));
        admin.purgeQueue(QUEUE, false);
    }

    /** Waits for count results of the task and returns them in arrival order. */
    public List<Message> await(UUID taskId, int count, Duration timeout) {
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(50)).until(() -> {
            drain();
            return resultsFor(taskId).size() >= count;
        });
        return resultsFor(taskId);
    }

    public Message awaitOne(UUID taskId) {
        return await(taskId, 1, Duration.ofSeconds(20)).get(0);
    }

    /** Waits for a result of every task; returns when the last of them arrived (as seen by polling every 20 ms). */
    public Instant awaitAll(Collection<UUID> taskIds, Duration timeout) {
        Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(20)).until(() -> {
            drain();
            return this.firstArrival.keySet().containsAll(taskIds);
        });
        return taskIds.stream()
                .map(this.firstArrival::get)
                .max(Instant::compareTo)
                .orElseThrow();
    }

    public List<Message> resultsFor(UUID taskId) {
        return this.received.stream()
                .filter(message -> taskId.equals(taskIdOf(message)))
                .toList();
    }

    /** Every result taken in so far, in arrival order. */
    public List<Message> all() {
        return List.copyOf(this.received);
    }

    /** How many results arrived for each task, read in one pass (cheap enough for hundreds of tasks). */
    public Map<UUID, Long> countsByTask() {
        return this.received.stream().collect(Collectors.groupingBy(ResultInbox::taskIdOf, Collectors.counting()));
    }

    /** Takes whatever arrived so far into the inbox. */
    public void drain() {
        Message message;
        while ((message = this.rabbit.receive(QUEUE)) != null) {
            this.received.add(message);
            this.firstArrival.putIfAbsent(taskIdOf(message), Instant.now());
        }
    }

    public static JsonNode body(Message message) {
        return JSON.readTree(message.getBody());
    }

    private static UUID taskIdOf(Message message) {
        return UUID.fromString(body(message).path("taskId").asString());
    }
}
