package dev.rightsplatform.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import org.junit.jupiter.api.Test;

/** The reader the other tests rely on: it must refuse what the Kubernetes model does not know, at any depth. */
class StrictModelTests {

    private static final String DEPLOYMENT = """
            apiVersion: apps/v1
            kind: Deployment
            metadata:
              name: demo
            spec:
              selector:
                matchLabels: {app: demo}
              template:
                metadata:
                  labels: {app: demo}
                spec:
                  containers:
                    - name: demo
                      image: demo:1
                      %s
            """;

    @Test
    void readsAKnownKindIntoItsModelClass() {
        var objects = StrictModel.read(DEPLOYMENT.formatted("readinessProbe: {httpGet: {path: /ready, port: 8080}}")
                + "---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\ndata: {a: b}\n");
        assertThat(objects).hasSize(2);
        var deployment = (Deployment) objects.get(0);
        assertThat(deployment
                        .getSpec()
                        .getTemplate()
                        .getSpec()
                        .getContainers()
                        .get(0)
                        .getReadinessProbe()
                        .getHttpGet()
                        .getPort()
                        .getIntVal())
                .isEqualTo(8080);
    }

    @Test
    void refusesAMisspeltField() {
        assertThatThrownBy(
                        () -> StrictModel.read(DEPLOYMENT.formatted("readinesProbe: {httpGet: {path: /r, port: 80}}")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("Deployment demo does not fit the Kubernetes model")
                .hasMessageContaining("readinesProbe");
    }

    @Test
    void refusesAMisspeltFieldDeepDown() {
        assertThatThrownBy(
                        () -> StrictModel.read(DEPLOYMENT.formatted("securityContext: {readOnlyRootFileSystem: true}")))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("readOnlyRootFileSystem");
    }

    @Test
    void refusesAValueOfTheWrongShape() {
        assertThatThrownBy(() -> StrictModel.read(DEPLOYMENT.formatted("ports: {containerPort: 8080}")))
                .isInstanceOf(AssertionError.class);
    }

    @Test
    void refusesAKindWithoutAModel() {
        assertThatThrownBy(() -> StrictModel.read("apiVersion: example.com/v1\nkind: Gizmo\nmetadata: {name: g}\n"))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("no fabric8 model for example.com/v1 Gizmo");
    }
}
