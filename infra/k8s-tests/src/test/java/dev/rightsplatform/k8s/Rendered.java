package dev.rightsplatform.k8s;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** One kustomization rendered by kubectl and read strictly into the model; each is rendered once per test run. */
record Rendered(String name, List<HasMetadata> objects) {

    /** The overlays an operator applies. */
    static final List<String> OVERLAYS = List.of("overlays/local", "overlays/production");

    /** The five services and the port each listens on (its application.yml). */
    static final Map<String, Integer> SERVICES = Map.of(
            "gateway", 8080,
            "rights-service", 8081,
            "notification-service", 8082,
            "deletion-worker", 8083,
            "portal", 8084);

    private static final Map<String, Rendered> CACHE = new ConcurrentHashMap<>();

    static Path k8sDir() {
        var configured = System.getProperty("k8s.dir");
        var dir = Path.of(configured != null ? configured : "../k8s")
                .toAbsolutePath()
                .normalize();
        if (!Files.isDirectory(dir.resolve("base"))) {
            throw new AssertionError("no Kustomize base under " + dir + " (set -Dk8s.dir)");
        }
        return dir;
    }

    static Rendered of(String kustomization) {
        return CACHE.computeIfAbsent(
                kustomization, k -> new Rendered(k, StrictModel.read(Kubectl.kustomize(k8sDir().resolve(k)))));
    }

    <T extends HasMetadata> List<T> all(Class<T> type) {
        return objects.stream().filter(type::isInstance).map(type::cast).toList();
    }

    <T extends HasMetadata> Optional<T> find(Class<T> type, String objectName) {
        return all(type).stream()
                .filter(o -> o.getMetadata().getName().equals(objectName))
                .findFirst();
    }

    <T extends HasMetadata> T get(Class<T> type, String objectName) {
        return find(type, objectName)
                .orElseThrow(() -> new AssertionError(name + ": no " + type.getSimpleName() + " " + objectName));
    }

    List<Deployment> deployments() {
        return all(Deployment.class);
    }

    Deployment deployment(String service) {
        return get(Deployment.class, service);
    }

    static Container container(Deployment deployment) {
        var containers = deployment.getSpec().getTemplate().getSpec().getContainers();
        if (containers.size() != 1) {
            throw new AssertionError(
                    deployment.getMetadata().getName() + ": expected one container, found " + containers.size());
        }
        return containers.get(0);
    }

    List<ConfigMap> configMaps() {
        return all(ConfigMap.class);
    }

    List<Secret> secrets() {
        return all(Secret.class);
    }

    List<Service> services() {
        return all(Service.class);
    }

    List<PodDisruptionBudget> disruptionBudgets() {
        return all(PodDisruptionBudget.class);
    }

    List<HorizontalPodAutoscaler> autoscalers() {
        return all(HorizontalPodAutoscaler.class);
    }

    List<NetworkPolicy> networkPolicies() {
        return all(NetworkPolicy.class);
    }

    @Override
    public String toString() {
        return name;
    }
}
