package dev.rightsplatform.k8s;

import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.BeanDescription;
import tools.jackson.databind.DeserializationConfig;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.deser.BeanDeserializerBuilder;
import tools.jackson.databind.deser.ValueDeserializerModifier;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.module.SimpleModule;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Reads rendered manifests into fabric8's typed Kubernetes model, refusing anything the model does not know: a kind
 * without a model class, and any field the class does not declare (a misspelt {@code readinesProbe} fails here instead
 * of being dropped by the API server or kept aside in the model's catch-all map).
 *
 * <p>fabric8's model classes keep unknown fields in {@code additionalProperties} through a Jackson any-setter, which
 * would make {@code FAIL_ON_UNKNOWN_PROPERTIES} toothless; the mapper here removes those any-setters, so the feature
 * applies to every nested object.
 */
final class StrictModel {

    /** Only for its registry of kinds (apiVersion + kind → model class). */
    private static final KubernetesSerialization KINDS = new KubernetesSerialization();

    private static final ObjectMapper YAML = YAMLMapper.builder().build();

    private static final ObjectMapper STRICT = JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .addModule(new SimpleModule("no-catch-all-fields").setDeserializerModifier(new NoAnySetter()))
            .build();

    private StrictModel() {}

    /** Every document of a multi-document YAML stream, typed. */
    static List<HasMetadata> read(String yaml) {
        var objects = new ArrayList<HasMetadata>();
        try (var documents = YAML.readValues(YAML.createParser(yaml), JsonNode.class)) {
            while (documents.hasNextValue()) {
                var node = documents.nextValue();
                if (node != null && !node.isNull() && !node.isMissingNode()) {
                    objects.add(toModel(node));
                }
            }
        }
        return objects;
    }

    static HasMetadata toModel(JsonNode node) {
        var apiVersion = node.path("apiVersion").asString("");
        var kind = node.path("kind").asString("");
        var name = node.path("metadata").path("name").asString("?");
        var type = KINDS.getRegisteredKubernetesResource(apiVersion, kind);
        if (type == null || type == GenericKubernetesResource.class || !HasMetadata.class.isAssignableFrom(type)) {
            throw new AssertionError("no fabric8 model for " + apiVersion + " " + kind + " (" + name + ")");
        }
        try {
            return (HasMetadata) STRICT.treeToValue(node, type);
        } catch (RuntimeException e) {
            throw new AssertionError(kind + " " + name + " does not fit the Kubernetes model: " + e.getMessage(), e);
        }
    }

    private static final class NoAnySetter extends ValueDeserializerModifier {

        private static final long serialVersionUID = 1L;

        @Override
        public BeanDeserializerBuilder updateBuilder(
                DeserializationConfig config, BeanDescription.Supplier bean, BeanDeserializerBuilder builder) {
            if (bean.getBeanClass().getName().startsWith("io.fabric8.kubernetes.api.model")) {
                builder.setAnySetter(null);
            }
            return builder;
        }
    }
}
