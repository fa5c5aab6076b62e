package dev.rightsplatform.rights.task;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rightsplatform.rights.type.RequestType;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The task actions and request types are the contract's words (infra/asyncapi.yaml, the document deletion-worker's
 * {@code Action} is checked against too): no value one side sends that the other cannot read.
 */
class TaskActionContractUnitTests {

    private static final Path CONTRACT = Path.of("..", "infra", "asyncapi.yaml");

    @Test
    void everyTaskActionIsOneTheContractNamesAndNoneIsMissing() {
        assertThat(Arrays.stream(TaskAction.values()).map(Enum::name))
                .containsExactlyInAnyOrderElementsOf(contractEnum("action"));
    }

    @Test
    void everyRequestTypeIsOneTheContractNames() {
        assertThat(Arrays.stream(RequestType.values()).map(Enum::name))
                .containsExactlyInAnyOrderElementsOf(contractEnum("requestType"));
    }

    private static ArrayList<String> contractEnum(String property) {
        JsonNode values = YAMLMapper.builder()
                .build()
                .readTree(CONTRACT.toFile())
                .path("components")
                .path("schemas")
                .path("TaskCommand")
                .path("properties")
                .path(property)
                .path("enum");
        var names = new ArrayList<String>();
        values.forEach(value -> names.add(value.asString()));
        assertThat(names).as("TaskCommand.%s in %s", property, CONTRACT).isNotEmpty();
        return names;
    }
}
