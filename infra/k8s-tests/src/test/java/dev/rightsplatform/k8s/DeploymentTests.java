package dev.rightsplatform.k8s;

import static dev.rightsplatform.k8s.Rendered.SERVICES;
import static dev.rightsplatform.k8s.Rendered.container;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** The Deployments of every overlay: probes, resources, security, volumes, config references (JVM sizing: {@link JvmSizingTests}). */
class DeploymentTests {

    static final List<String> OVERLAYS = Rendered.OVERLAYS;

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void theFiveServicesEachHaveADeploymentAndAService(String overlay) {
        var rendered = Rendered.of(overlay);
        assertThat(rendered.deployments())
                .extracting(d -> d.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(SERVICES.keySet());
        for (var entry : SERVICES.entrySet()) {
            Service service = rendered.get(Service.class, entry.getKey());
            assertThat(service.getSpec().getPorts()).singleElement().satisfies(port -> {
                assertThat(port.getPort()).isEqualTo(entry.getValue());
                assertThat(port.getTargetPort().getIntVal()).isEqualTo(entry.getValue());
            });
            var podLabels = rendered.deployment(entry.getKey())
                    .getSpec()
                    .getTemplate()
                    .getMetadata()
                    .getLabels();
            assertThat(podLabels).containsAllEntriesOf(service.getSpec().getSelector());
            assertThat(podLabels)
                    .as("%s: the Deployment's selector matches its pods", entry.getKey())
                    .containsAllEntriesOf(rendered.deployment(entry.getKey())
                            .getSpec()
                            .getSelector()
                            .getMatchLabels());
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyDeploymentHasStartupLivenessAndReadinessProbesOnItsOwnPort(String overlay) {
        for (var deployment : Rendered.of(overlay).deployments()) {
            var name = deployment.getMetadata().getName();
            int port = SERVICES.get(name);
            var container = container(deployment);
            // the service's port, named http; the gateway also has its metrics port (never routed, never public)
            assertThat(container.getPorts())
                    .as(name)
                    .filteredOn(p -> "http".equals(p.getName()))
                    .singleElement()
                    .satisfies(p -> assertThat(p.getContainerPort()).isEqualTo(port));
            assertThat(container.getPorts())
                    .as(name)
                    .extracting(p -> p.getName())
                    .containsExactlyInAnyOrderElementsOf(
                            "gateway".equals(name) ? List.of("http", "metrics") : List.of("http"));
            assertProbe(name + " startup", container.getStartupProbe(), "/actuator/health/liveness", port);
            assertProbe(name + " liveness", container.getLivenessProbe(), "/actuator/health/liveness", port);
            assertProbe(name + " readiness", container.getReadinessProbe(), "/actuator/health/readiness", port);
            // the startup probe gives a JVM time to start: at least a minute before the pod is restarted
            var startup = container.getStartupProbe();
            assertThat(startup.getPeriodSeconds() * startup.getFailureThreshold())
                    .as(name)
                    .isGreaterThanOrEqualTo(60);
        }
    }

    private static void assertProbe(String what, Probe probe, String path, int port) {
        assertThat(probe).as(what).isNotNull();
        assertThat(probe.getHttpGet()).as(what + " is an HTTP GET").isNotNull();
        assertThat(probe.getHttpGet().getPath()).as(what).isEqualTo(path);
        assertThat(probe.getHttpGet().getPort().getIntVal()).as(what + " port").isEqualTo(port);
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyContainerRequestsAndLimitsCpuAndMemory(String overlay) {
        for (var deployment : Rendered.of(overlay).deployments()) {
            var name = deployment.getMetadata().getName();
            var resources = container(deployment).getResources();
            assertThat(resources).as(name).isNotNull();
            for (var kind : List.of("cpu", "memory")) {
                var request = resources.getRequests().get(kind);
                var limit = resources.getLimits().get(kind);
                assertThat(request).as("%s requests %s", name, kind).isNotNull();
                assertThat(limit).as("%s limits %s", name, kind).isNotNull();
                assertThat(Quantity.getAmountInBytes(request))
                        .as("%s: %s request <= limit", name, kind)
                        .isLessThanOrEqualTo(Quantity.getAmountInBytes(limit));
            }
            // the JVM sizes its heap from the limit: a request below it invites an eviction under memory pressure
            assertThat(Quantity.getAmountInBytes(resources.getRequests().get("memory")))
                    .as(name)
                    .isEqualByComparingTo(
                            Quantity.getAmountInBytes(resources.getLimits().get("memory")));
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyServiceListensBeyondLoopback(String overlay) {
        for (var deployment : Rendered.of(overlay).deployments()) {
            var name = deployment.getMetadata().getName();
            assertThat(literal(container(deployment).getEnv(), "SERVER_ADDRESS"))
                    .as(name)
                    .contains("0.0.0.0");
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyPodRunsAsNonRootOnAReadOnlyRootWithoutPrivilegeEscalationOrCapabilities(String overlay) {
        for (var deployment : Rendered.of(overlay).deployments()) {
            var name = deployment.getMetadata().getName();
            var pod = deployment.getSpec().getTemplate().getSpec();
            assertThat(pod.getAutomountServiceAccountToken())
                    .as(name + " mounts no API token")
                    .isFalse();
            assertThat(pod.getHostNetwork()).as(name).isNotEqualTo(Boolean.TRUE);
            var podSecurity = pod.getSecurityContext();
            assertThat(podSecurity.getRunAsNonRoot()).as(name).isTrue();
            assertThat(podSecurity.getRunAsUser()).as(name).isNotNull().isPositive();
            assertThat(podSecurity.getSeccompProfile().getType()).as(name).isEqualTo("RuntimeDefault");
            var security = container(deployment).getSecurityContext();
            assertThat(security).as(name).isNotNull();
            assertThat(security.getRunAsNonRoot()).as(name).isTrue();
            assertThat(security.getRunAsUser()).as(name).isNotNull().isPositive();
            assertThat(security.getReadOnlyRootFilesystem()).as(name).isTrue();
            assertThat(security.getAllowPrivilegeEscalation()).as(name).isFalse();
            assertThat(security.getPrivileged()).as(name).isNotEqualTo(Boolean.TRUE);
            assertThat(security.getCapabilities().getDrop()).as(name).contains("ALL");
            assertThat(security.getCapabilities().getAdd()).as(name).isNullOrEmpty();
            assertThat(security.getSeccompProfile().getType()).as(name).isEqualTo("RuntimeDefault");
            // the JVM and Netty write to /tmp: a writable emptyDir under the read-only root
            assertThat(volumeAt(deployment, "/tmp").getEmptyDir())
                    .as(name + ": /tmp is an emptyDir")
                    .isNotNull();
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void rightsServiceKeepsItsStoreWhereEveryReplicaSeesIt(String overlay) {
        var rendered = Rendered.of(overlay);
        var deployment = rendered.deployment("rights-service");
        var directory = literal(container(deployment).getEnv(), "RIGHTS_STORAGE_DIRECTORY")
                .orElseThrow(() -> new AssertionError("RIGHTS_STORAGE_DIRECTORY is not set"));
        var volume = volumeAt(deployment, directory);
        assertThat(mountAt(deployment, directory).getReadOnly()).isNotEqualTo(Boolean.TRUE);
        if (overlay.endsWith("production")) {
            // several replicas read what one wrote: the store is a shared bucket, never a pod's own folder
            var env = container(deployment).getEnv();
            assertThat(literal(env, "RIGHTS_STORAGE_TYPE")).hasValue("s3");
            assertThat(env).anySatisfy(variable -> {
                assertThat(variable.getName()).isEqualTo("RIGHTS_STORAGE_S3_BUCKET");
                assertThat(variable.getValueFrom().getConfigMapKeyRef().getKey())
                        .isEqualTo("storage-s3-bucket");
            });
        } else {
            assertThat(volume.getEmptyDir()).isNotNull();
            var autoscaler = rendered.get(
                    io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler.class, "rights-service");
            assertThat(autoscaler.getSpec().getMaxReplicas())
                    .as("one replica on an emptyDir store")
                    .isEqualTo(1);
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void theSystemRegistryIsAFileMountedFromAConfigMap(String overlay) {
        var rendered = Rendered.of(overlay);
        for (var service : List.of("rights-service", "deletion-worker")) {
            var deployment = rendered.deployment(service);
            var file = literal(container(deployment).getEnv(), "SYSTEM_REGISTRY_FILE")
                    .orElseThrow(() -> new AssertionError(service + ": SYSTEM_REGISTRY_FILE is not set"));
            var directory = file.substring(0, file.lastIndexOf('/'));
            var volume = volumeAt(deployment, directory);
            assertThat(volume.getConfigMap()).as(service).isNotNull();
            ConfigMap registry =
                    rendered.get(ConfigMap.class, volume.getConfigMap().getName());
            assertThat(registry.getData()).as(service).containsKey(file.substring(file.lastIndexOf('/') + 1));
            assertThat(registry.getData().values().iterator().next()).contains("platform:", "systems:");
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyConfigMapReferenceNamesAKeyThatExists(String overlay) {
        var rendered = Rendered.of(overlay);
        for (var deployment : rendered.deployments()) {
            for (var variable : container(deployment).getEnv()) {
                var from = variable.getValueFrom();
                if (from != null && from.getConfigMapKeyRef() != null) {
                    var ref = from.getConfigMapKeyRef();
                    var map = rendered.find(ConfigMap.class, ref.getName())
                            .orElseThrow(() ->
                                    new AssertionError(deployment.getMetadata().getName() + ": " + variable.getName()
                                            + " names ConfigMap " + ref.getName() + ", which is not rendered"));
                    assertThat(map.getData())
                            .as("%s: %s", deployment.getMetadata().getName(), variable.getName())
                            .containsKey(ref.getKey());
                }
            }
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void eachServiceRunsItsOwnImage(String overlay) {
        for (var deployment : Rendered.of(overlay).deployments()) {
            var name = deployment.getMetadata().getName();
            var image = container(deployment).getImage();
            assertThat(image).as(name).matches(".*/" + Pattern.quote(name) + ":[^:/]+");
            assertThat(image).as(name).doesNotEndWith(":latest");
        }
        if (overlay.endsWith("production")) {
            for (var deployment : Rendered.of(overlay).deployments()) {
                assertThat(container(deployment).getImage())
                        .as("a registry host")
                        .matches("[a-z0-9.-]+\\.[a-z]+(:\\d+)?/.+");
            }
        }
    }

    static Optional<String> literal(List<EnvVar> env, String name) {
        return env.stream().filter(e -> e.getName().equals(name)).findFirst().map(EnvVar::getValue);
    }

    private static VolumeMount mountAt(Deployment deployment, String path) {
        Container container = container(deployment);
        return container.getVolumeMounts().stream()
                .filter(m -> m.getMountPath().equals(path))
                .findFirst()
                .orElseThrow(
                        () -> new AssertionError(deployment.getMetadata().getName() + ": nothing mounted at " + path));
    }

    private static Volume volumeAt(Deployment deployment, String path) {
        var mount = mountAt(deployment, path);
        Map<String, Volume> volumes = new java.util.HashMap<>();
        deployment.getSpec().getTemplate().getSpec().getVolumes().forEach(v -> volumes.put(v.getName(), v));
        var volume = volumes.get(mount.getName());
        assertThat(volume)
                .as(deployment.getMetadata().getName() + ": volume " + mount.getName())
                .isNotNull();
        return volume;
    }
}
