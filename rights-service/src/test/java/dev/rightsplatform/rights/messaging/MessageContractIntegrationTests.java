package dev.rightsplatform.rights.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import dev.rightsplatform.rights.support.AbstractRightsIntegrationTests;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.Message;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.MediaType;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * What rights-service sends, checked against infra/asyncapi.yaml itself (STYLE.md habit 6): the message, its AMQP
 * properties, and the schema of its payload.
 */
class MessageContractIntegrationTests extends AbstractRightsIntegrationTests {

    private static final Path CONTRACT = Path.of("..", "infra", "asyncapi.yaml");

    @Autowired
    JsonMapper json;

    @Test
    void tasksAndEventsFollowTheContract() {
        http.post()
                .uri("/api/v1/requests")
                .headers(h -> h.setBearerAuth(tokens.subject(newSubject())))
                .contentType(MediaType.APPLICATION_JSON)
                .bodyValue("{\"type\":\"DEREGISTER\"}")
                .exchange()
                .expectStatus()
                .isAccepted();

        var task = receive(observedTasks, 1).get(0);
        assertFollows(task, "TaskCommand");
        var payload = json.readTree(body(task));
        assertThat(payload.has("purpose")).as("only a WITHDRAW names a purpose").isFalse();
        assertThat(task.getMessageProperties().getMessageId())
                .isEqualTo(payload.get("taskId").asString());
        assertThat(task.getMessageProperties().getReceivedRoutingKey())
                .isEqualTo("task." + payload.get("action").asString().toLowerCase() + "."
                        + payload.get("systemId").asString());

        var event = receive(observedEvents, 1).get(0);
        assertFollows(event, "RequestEvent");
        assertThat(event.getMessageProperties().getMessageId())
                .isEqualTo(json.readTree(body(event)).get("eventId").asString());
    }

    @Test
    void aWithdrawTaskFollowsTheContractAndNamesItsPurpose() {
        http.post()
                .uri("/api/v1/consents/marketing/withdraw")
                .headers(h -> h.setBearerAuth(tokens.subject(newSubject())))
                .exchange()
                .expectStatus()
                .isAccepted();

        var task = receive(observedTasks, 1).get(0);
        assertFollows(task, "TaskCommand");
        var payload = json.readTree(body(task));
        assertThat(payload.get("action").asString()).isEqualTo("WITHDRAW");
        assertThat(payload.get("purpose").asString()).isEqualTo("marketing");
        assertThat(task.getMessageProperties().getReceivedRoutingKey()).isEqualTo("task.withdraw.crm");
    }

    private void assertFollows(Message message, String schemaName) {
        var properties = message.getMessageProperties();
        assertThat(properties.getType()).isEqualTo(schemaName);
        assertThat(properties.getContentType()).isEqualTo(MediaType.APPLICATION_JSON_VALUE);
        assertThat(properties.getReceivedDeliveryMode().name()).isEqualTo("PERSISTENT");
        var errors = schema(schemaName).validate(json.readTree(body(message)));
        assertThat(errors).as("%s against the contract", schemaName).isEmpty();
    }

    private static Schema schema(String name) {
        var node = YAMLMapper.builder()
                .build()
                .readTree(CONTRACT.toFile())
                .path("components")
                .path("schemas")
                .path(name);
        assertThat(node.isMissingNode()).as("schema %s in %s", name, CONTRACT).isFalse();
        var config =
                SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build();
        return SchemaRegistry.withDefaultDialect(
                        SpecificationVersion.DRAFT_2020_12, builder -> builder.schemaRegistryConfig(config))
                .getSchema(node);
    }
}
