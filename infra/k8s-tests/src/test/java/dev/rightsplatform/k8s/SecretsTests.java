package dev.rightsplatform.k8s;

import static dev.rightsplatform.k8s.Rendered.container;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Secret;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Secrets are referenced, never written into a manifest: production holds none, local generates development ones. */
class SecretsTests {

    static final List<String> OVERLAYS = Rendered.OVERLAYS;

    /** A variable whose name says it carries a secret. */
    private static final Pattern SECRET_NAME = Pattern.compile("(.*_)?(PASSWORD|SECRET|KEY|TOKEN|CREDENTIALS?)(_.*)?");

    private static final Rendered PRODUCTION = Rendered.of("overlays/production");

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everySecretVariableComesFromASecretReference(String overlay) {
        for (var deployment : Rendered.of(overlay).deployments()) {
            for (var variable : container(deployment).getEnv()) {
                if (SECRET_NAME.matcher(variable.getName()).matches()) {
                    assertThat(variable.getValue())
                            .as(
                                    "%s: %s holds a literal",
                                    deployment.getMetadata().getName(), variable.getName())
                            .isNull();
                    assertThat(variable.getValueFrom()).as(variable.getName()).isNotNull();
                    assertThat(variable.getValueFrom().getSecretKeyRef())
                            .as("%s: %s from a Secret", deployment.getMetadata().getName(), variable.getName())
                            .isNotNull();
                }
            }
        }
    }

    @Test
    void productionRendersNoSecretAndNoGenerator() throws IOException {
        assertThat(PRODUCTION.secrets())
                .as("Secrets are the operator's, never rendered")
                .isEmpty();
        var kustomization = Files.readString(Rendered.k8sDir().resolve("overlays/production/kustomization.yaml"));
        assertThat(kustomization).doesNotContain("secretGenerator");
        // what the Deployments reference is the operator's name, not a generator's hashed one
        for (var name : referencedSecrets(PRODUCTION)) {
            assertThat(name).doesNotMatch(".*-[a-z0-9]{10}");
        }
    }

    @Test
    void productionHoldsNoCommittedDevelopmentSecretAnywhere() throws IOException {
        var rendered = Kubectl.kustomize(Rendered.k8sDir().resolve("overlays/production"));
        for (var value : developmentSecrets()) {
            assertThat(rendered)
                    .as("a committed development secret of infra/local/dev-secrets.env")
                    .doesNotContain(value);
        }
        for (ConfigMap map : PRODUCTION.configMaps()) {
            assertThat(map.getData().keySet())
                    .as(map.getMetadata().getName())
                    .noneMatch(key -> key.matches("(?i).*(password|secret|token).*"));
        }
    }

    @Test
    void productionDoesNotRunTheDevProfile() {
        var config = PRODUCTION.configMaps().stream()
                .filter(m -> m.getData().containsKey("spring-profiles-active"))
                .findFirst()
                .orElseThrow();
        assertThat(config.getData().get("spring-profiles-active").split(",")).doesNotContain("dev");
    }

    @Test
    void theLocalOverlayGeneratesEverySecretItsServicesNeedAndRunsTheDevProfile() {
        var local = Rendered.of("overlays/local");
        for (var deployment : local.deployments()) {
            for (var variable : container(deployment).getEnv()) {
                var from = variable.getValueFrom();
                if (from == null
                        || from.getSecretKeyRef() == null
                        || Boolean.TRUE.equals(from.getSecretKeyRef().getOptional())) {
                    continue;
                }
                var ref = from.getSecretKeyRef();
                Secret secret = local.find(Secret.class, ref.getName())
                        .orElseThrow(() -> new AssertionError(
                                deployment.getMetadata().getName() + ": " + variable.getName() + " names Secret "
                                        + ref.getName() + ", which the local overlay does not generate"));
                assertThat(secret.getData()).as(variable.getName()).containsKey(ref.getKey());
            }
        }
        var config = local.configMaps().stream()
                .filter(m -> m.getData().containsKey("spring-profiles-active"))
                .findFirst()
                .orElseThrow();
        assertThat(config.getData().get("spring-profiles-active")).isEqualTo("dev");
    }

    @Test
    void theLocalSecretsAreMarkedDevelopmentOnly() throws IOException {
        var kustomization = Files.readString(Rendered.k8sDir().resolve("overlays/local/kustomization.yaml"));
        var section = kustomization.substring(kustomization.indexOf("secretGenerator:"));
        var nextKey = Pattern.compile("\n[a-zA-Z]").matcher(section);
        if (nextKey.find(1)) {
            section = section.substring(0, nextKey.start());
        }
        var entries = section.split("\n  - name: ");
        assertThat(entries).hasSizeGreaterThan(1);
        for (int i = 1; i < entries.length; i++) {
            var before = entries[i - 1];
            var name = entries[i].lines().findFirst().orElse("?");
            assertThat(before.substring(before.lastIndexOf('\n') + 1))
                    .as("the comment right above Secret %s", name)
                    .contains("DEVELOPMENT ONLY");
        }
        assertThat(kustomization.substring(0, kustomization.indexOf("secretGenerator:")))
                .contains("DEVELOPMENT ONLY");
        // its values are at most the committed development ones (which the services refuse outside `dev`)
        var devValues = developmentSecrets();
        for (var secret : Rendered.of("overlays/local").secrets()) {
            for (var entry : secret.getData().entrySet()) {
                var value = new String(Base64.getDecoder().decode(entry.getValue()), StandardCharsets.UTF_8);
                if (!entry.getKey().startsWith("rabbitmq-")) {
                    assertThat(devValues)
                            .as(
                                    "%s/%s is a value of dev-secrets.env",
                                    secret.getMetadata().getName(), entry.getKey())
                            .contains(value);
                }
            }
        }
    }

    @Test
    void theReadmeNamesEverySecretAndKeyTheDeploymentsReference() throws IOException {
        var readme = Files.readString(Rendered.k8sDir().resolve("README.md"));
        for (var deployment : PRODUCTION.deployments()) {
            var pod = deployment.getSpec().getTemplate().getSpec();
            for (var variable : container(deployment).getEnv()) {
                var from = variable.getValueFrom();
                if (from != null && from.getSecretKeyRef() != null) {
                    assertThat(readme)
                            .as("README names Secret %s", from.getSecretKeyRef().getName())
                            .contains("`" + from.getSecretKeyRef().getName() + "`");
                    assertThat(readme)
                            .as(
                                    "README names key %s of %s",
                                    from.getSecretKeyRef().getKey(),
                                    from.getSecretKeyRef().getName())
                            .contains("`" + from.getSecretKeyRef().getKey() + "`");
                }
            }
            for (var volume : pod.getVolumes()) {
                if (volume.getSecret() != null) {
                    assertThat(readme).contains("`" + volume.getSecret().getSecretName() + "`");
                }
            }
        }
    }

    private static Set<String> referencedSecrets(Rendered rendered) {
        var names = new TreeSet<String>();
        for (var deployment : rendered.deployments()) {
            for (var variable : container(deployment).getEnv()) {
                if (variable.getValueFrom() != null && variable.getValueFrom().getSecretKeyRef() != null) {
                    names.add(variable.getValueFrom().getSecretKeyRef().getName());
                }
            }
            var envFrom = container(deployment).getEnvFrom();
            if (envFrom != null) {
                envFrom.stream()
                        .filter(e -> e.getSecretRef() != null)
                        .forEach(e -> names.add(e.getSecretRef().getName()));
            }
            deployment.getSpec().getTemplate().getSpec().getVolumes().stream()
                    .filter(v -> v.getSecret() != null)
                    .forEach(v -> names.add(v.getSecret().getSecretName()));
        }
        return names;
    }

    /** The values of infra/local/dev-secrets.env (development only, committed, refused by the services elsewhere). */
    static Set<String> developmentSecrets() throws IOException {
        var values = new LinkedHashSet<String>();
        var file = Rendered.k8sDir().resolve("../local/dev-secrets.env").normalize();
        for (var line : Files.readAllLines(file)) {
            var trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#") || !trimmed.contains("=")) {
                continue;
            }
            var name = trimmed.substring(0, trimmed.indexOf('='));
            var value = trimmed.substring(trimmed.indexOf('=') + 1);
            // the bootstrap admin's name and password are ordinary words ("admin"), not secrets of the services
            if (!name.startsWith("KC_BOOTSTRAP_ADMIN") && value.length() >= 8) {
                values.add(value);
            }
        }
        assertThat(values).as("values read from " + file).isNotEmpty();
        return values;
    }
}
