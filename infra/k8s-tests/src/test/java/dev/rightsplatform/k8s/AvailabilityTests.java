package dev.rightsplatform.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** Disruption budgets for every Deployment, autoscalers for rights-service and deletion-worker. */
class AvailabilityTests {

    static final List<String> OVERLAYS = Rendered.OVERLAYS;

    private static final List<String> AUTOSCALED = List.of("rights-service", "deletion-worker");

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyDeploymentHasADisruptionBudgetThatSelectsItsPodsAndNeverBlocksADrain(String overlay) {
        var rendered = Rendered.of(overlay);
        for (var deployment : rendered.deployments()) {
            var name = deployment.getMetadata().getName();
            var labels = deployment.getSpec().getTemplate().getMetadata().getLabels();
            var budgets = rendered.disruptionBudgets().stream()
                    .filter(b -> Selectors.matches(b.getSpec().getSelector(), labels))
                    .toList();
            assertThat(budgets).as("%s: one PodDisruptionBudget", name).hasSize(1);
            PodDisruptionBudget budget = budgets.get(0);
            // maxUnavailable >= 1 lets a node drain go on one pod at a time whatever the replica count
            assertThat(budget.getSpec().getMinAvailable()).as(name).isNull();
            assertThat(budget.getSpec().getMaxUnavailable()).as(name).isNotNull();
            assertThat(budget.getSpec().getMaxUnavailable().getIntVal())
                    .as(name)
                    .isGreaterThanOrEqualTo(1);
        }
        assertThat(rendered.disruptionBudgets()).hasSameSizeAs(rendered.deployments());
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void rightsServiceAndDeletionWorkerAreAutoscaled(String overlay) {
        var rendered = Rendered.of(overlay);
        for (var name : AUTOSCALED) {
            HorizontalPodAutoscaler autoscaler = rendered.get(HorizontalPodAutoscaler.class, name);
            assertThat(autoscaler.getApiVersion()).isEqualTo("autoscaling/v2");
            var target = autoscaler.getSpec().getScaleTargetRef();
            assertThat(target.getKind()).isEqualTo("Deployment");
            assertThat(target.getApiVersion()).isEqualTo("apps/v1");
            assertThat(target.getName()).isEqualTo(name);
            assertThat(autoscaler.getSpec().getMinReplicas())
                    .as(name)
                    .isNotNull()
                    .isPositive();
            assertThat(autoscaler.getSpec().getMaxReplicas())
                    .as(name)
                    .isGreaterThanOrEqualTo(autoscaler.getSpec().getMinReplicas());
            assertThat(autoscaler.getSpec().getMetrics()).as(name).anySatisfy(metric -> {
                assertThat(metric.getType()).isEqualTo("Resource");
                assertThat(metric.getResource().getName()).isEqualTo("cpu");
                assertThat(metric.getResource().getTarget().getAverageUtilization())
                        .isBetween(30, 95);
            });
            // the autoscaler owns the count: a replicas field would reset it on every apply
            Deployment deployment = rendered.deployment(name);
            assertThat(deployment.getSpec().getReplicas())
                    .as(name + ": no replicas next to an autoscaler")
                    .isNull();
        }
        assertThat(rendered.autoscalers())
                .extracting(a -> a.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(AUTOSCALED);
        if (overlay.endsWith("production")) {
            for (var name : AUTOSCALED) {
                assertThat(rendered.get(HorizontalPodAutoscaler.class, name)
                                .getSpec()
                                .getMinReplicas())
                        .as("%s: at least two in production", name)
                        .isGreaterThanOrEqualTo(2);
            }
            for (var deployment : rendered.deployments()) {
                if (!AUTOSCALED.contains(deployment.getMetadata().getName())) {
                    assertThat(deployment.getSpec().getReplicas())
                            .as(deployment.getMetadata().getName())
                            .isGreaterThanOrEqualTo(2);
                }
            }
        }
    }

    /** Label selectors as Kubernetes evaluates them. */
    static final class Selectors {

        private Selectors() {}

        static boolean matches(LabelSelector selector, Map<String, String> labels) {
            if (selector == null) {
                return false;
            }
            if (selector.getMatchLabels() != null) {
                for (var entry : selector.getMatchLabels().entrySet()) {
                    if (!entry.getValue().equals(labels.get(entry.getKey()))) {
                        return false;
                    }
                }
            }
            if (selector.getMatchExpressions() != null) {
                for (var requirement : selector.getMatchExpressions()) {
                    var value = labels.get(requirement.getKey());
                    var values = requirement.getValues() == null ? List.<String>of() : requirement.getValues();
                    boolean ok = switch (requirement.getOperator()) {
                        case "In" -> value != null && values.contains(value);
                        case "NotIn" -> value == null || !values.contains(value);
                        case "Exists" -> value != null;
                        case "DoesNotExist" -> value == null;
                        default -> throw new AssertionError("unknown operator " + requirement.getOperator());
                    };
                    if (!ok) {
                        return false;
                    }
                }
            }
            return true;
        }
    }
}
