package dev.rightsplatform.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import dev.rightsplatform.k8s.AvailabilityTests.Selectors;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPort;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * The network policies, evaluated as Kubernetes does (a pod selected by a policy of a direction is isolated in that
 * direction; a connection needs the source's egress and the destination's ingress to allow it): default deny, the flows
 * the platform needs, and a sample of flows it must not have.
 */
class NetworkPolicyTests {

    static final List<String> OVERLAYS = Rendered.OVERLAYS;

    private static final String TCP = "TCP";
    private static final String UDP = "UDP";

    /** Somewhere on the internet: a partner's callback URL, a downstream system, an SMTP relay, a browser. */
    private static final Endpoint INTERNET = Endpoint.external("203.0.113.10");

    private static final Endpoint METADATA = Endpoint.external("169.254.169.254");
    private static final Endpoint PRIVATE_HOST = Endpoint.external("10.20.30.40");
    private static final Endpoint POSTGRES = Endpoint.backing("database", "postgresql", "10.96.1.1");
    private static final Endpoint RABBITMQ = Endpoint.backing("rabbitmq", "rabbitmq", "10.96.1.2");
    private static final Endpoint REDIS = Endpoint.backing("redis", "redis", "10.96.1.3");
    private static final Endpoint KEYCLOAK = Endpoint.backing("keycloak", "keycloak", "10.96.1.4");
    private static final Endpoint GREENMAIL = Endpoint.backing("rights-deps", "greenmail", "10.96.1.5");
    private static final Endpoint DNS = new Endpoint("kube-system", Map.of("k8s-app", "kube-dns"), "10.96.0.10");

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everythingIsDeniedUnlessAllowed(String overlay) {
        var rendered = Rendered.of(overlay);
        assertThat(rendered.networkPolicies()).anySatisfy(policy -> {
            var spec = policy.getSpec();
            assertThat(spec.getPodSelector().getMatchLabels()).isNullOrEmpty();
            assertThat(spec.getPodSelector().getMatchExpressions()).isNullOrEmpty();
            assertThat(spec.getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
            assertThat(spec.getIngress()).isNullOrEmpty();
            assertThat(spec.getEgress()).isNullOrEmpty();
        });
        // every pod of the platform is isolated both ways
        for (var service : Rendered.SERVICES.keySet()) {
            var pod = pod(rendered, service);
            assertThat(selecting(rendered, pod, "Ingress")).as(service).isNotEmpty();
            assertThat(selecting(rendered, pod, "Egress")).as(service).isNotEmpty();
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void everyPodMayResolveNames(String overlay) {
        var rendered = Rendered.of(overlay);
        for (var service : Rendered.SERVICES.keySet()) {
            assertThat(allowed(rendered, pod(rendered, service), DNS, 53, UDP))
                    .as(service + " DNS/UDP")
                    .isTrue();
            assertThat(allowed(rendered, pod(rendered, service), DNS, 53, TCP))
                    .as(service + " DNS/TCP")
                    .isTrue();
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void theFlowsThePlatformNeedsAreAllowed(String overlay) {
        var r = Rendered.of(overlay);
        var gateway = pod(r, "gateway");
        var portal = pod(r, "portal");
        var rights = pod(r, "rights-service");
        var worker = pod(r, "deletion-worker");
        var notifications = pod(r, "notification-service");

        assertAllowed(r, INTERNET, gateway, 8080, "anyone calls the gateway");
        assertAllowed(r, gateway, rights, 8081, "gateway routes the API");
        assertAllowed(r, gateway, portal, 8084, "gateway routes the pages");
        assertAllowed(r, gateway, KEYCLOAK, 8080, "gateway fetches Keycloak's keys");
        assertAllowed(r, gateway, REDIS, 6379, "gateway counts rate limits");

        assertAllowed(r, portal, rights, 8081, "portal calls the API");
        assertAllowed(r, portal, REDIS, 6379, "portal keeps sessions");
        assertAllowed(r, portal, KEYCLOAK, 8080, "portal signs people in");

        assertAllowed(r, rights, POSTGRES, 5432, "rights-service's database");
        assertAllowed(r, rights, RABBITMQ, 5672, "rights-service's broker");
        assertAllowed(r, rights, KEYCLOAK, 8080, "rights-service fetches Keycloak's keys");
        assertAllowed(r, rights, INTERNET, 443, "partner callbacks");

        assertAllowed(r, worker, RABBITMQ, 5672, "the worker's broker");
        assertAllowed(r, worker, POSTGRES, 5432, "the worker's database");
        assertAllowed(r, worker, KEYCLOAK, 8080, "accounts and the worker's token");
        assertAllowed(r, worker, rights, 8081, "collection uploads");
        assertAllowed(r, worker, INTERNET, 443, "downstream systems");
        assertAllowed(r, INTERNET, worker, 8083, "downstream systems' callbacks");

        assertAllowed(r, notifications, RABBITMQ, 5672, "notification-service's broker");
        assertAllowed(r, notifications, POSTGRES, 5432, "notification-service's database");
        assertAllowed(r, notifications, INTERNET, 587, "SMTP submission");
        assertAllowed(r, notifications, INTERNET, 25, "SMTP");

        // the local overlay's development SMTP server, GreenMail, listens on 3025; production has none
        if (overlay.endsWith("local")) {
            assertAllowed(r, notifications, GREENMAIL, 3025, "GreenMail");
        } else {
            assertDenied(r, notifications, GREENMAIL, 3025, "no GreenMail in production");
        }
    }

    @ParameterizedTest
    @FieldSource("OVERLAYS")
    void nothingElseIsAllowed(String overlay) {
        var r = Rendered.of(overlay);
        var gateway = pod(r, "gateway");
        var portal = pod(r, "portal");
        var rights = pod(r, "rights-service");
        var worker = pod(r, "deletion-worker");
        var notifications = pod(r, "notification-service");

        assertDenied(r, INTERNET, rights, 8081, "rights-service only behind the gateway");
        assertDenied(r, INTERNET, portal, 8084, "the portal only behind the gateway");
        assertDenied(r, INTERNET, notifications, 8082, "nobody calls notification-service");
        assertDenied(r, gateway, notifications, 8082, "nobody calls notification-service");
        assertDenied(r, notifications, rights, 8081, "notification-service calls no service");
        assertDenied(r, portal, POSTGRES, 5432, "the portal has no database");
        assertDenied(r, gateway, POSTGRES, 5432, "the gateway has no database");
        assertDenied(r, gateway, RABBITMQ, 5672, "the gateway has no broker");
        assertDenied(r, gateway, INTERNET, 443, "the gateway calls nothing outside");
        assertDenied(r, portal, INTERNET, 443, "the portal calls nothing outside");
        assertDenied(r, portal, worker, 8083, "the portal does not call the worker");
        assertDenied(r, worker, REDIS, 6379, "the worker has no Redis");
        assertDenied(r, rights, notifications, 8082, "rights-service talks to it through RabbitMQ only");
        assertDenied(r, rights, METADATA, 443, "no cloud metadata from partner callbacks");
        assertDenied(r, rights, PRIVATE_HOST, 443, "partner callbacks go to public addresses only");
        assertDenied(r, rights, INTERNET, 80, "partner callbacks are https");
        assertDenied(r, worker, METADATA, 443, "no cloud metadata from the worker");
        assertDenied(r, notifications, INTERNET, 443, "notification-service only speaks SMTP outside");
        assertDenied(r, rights, POSTGRES, 22, "only the services' own ports");
    }

    private static void assertAllowed(Rendered rendered, Endpoint from, Endpoint to, int port, String why) {
        assertThat(allowed(rendered, from, to, port, TCP))
                .as("%s: %s -> %s:%d (%s)", rendered, from, to, port, why)
                .isTrue();
    }

    private static void assertDenied(Rendered rendered, Endpoint from, Endpoint to, int port, String why) {
        assertThat(allowed(rendered, from, to, port, TCP))
                .as("%s: %s -> %s:%d must be denied (%s)", rendered, from, to, port, why)
                .isFalse();
    }

    private static Endpoint pod(Rendered rendered, String service) {
        var deployment = rendered.deployment(service);
        assertThat(deployment.getMetadata().getNamespace())
                .as(service + " has a namespace")
                .isNotBlank();
        return new Endpoint(
                deployment.getMetadata().getNamespace(),
                deployment.getSpec().getTemplate().getMetadata().getLabels(),
                null);
    }

    /** Whether a connection from one endpoint to a port of another gets through every policy on its way. */
    static boolean allowed(Rendered rendered, Endpoint from, Endpoint to, int port, String protocol) {
        return allowedOneWay(rendered, from, to, port, protocol, "Egress")
                && allowedOneWay(rendered, to, from, port, protocol, "Ingress");
    }

    /** For Egress: subject = source, peer = destination; for Ingress: subject = destination, peer = source. */
    private static boolean allowedOneWay(
            Rendered rendered, Endpoint subject, Endpoint peer, int port, String protocol, String direction) {
        var policies = selecting(rendered, subject, direction);
        if (policies.isEmpty()) {
            return true; // not isolated (or not ours: the backing services and the internet)
        }
        for (var policy : policies) {
            var namespace = policy.getMetadata().getNamespace();
            if (direction.equals("Egress")) {
                for (var rule : nullToEmpty(policy.getSpec().getEgress())) {
                    if (portMatches(rule.getPorts(), port, protocol) && peersMatch(rule.getTo(), peer, namespace)) {
                        return true;
                    }
                }
            } else {
                for (var rule : nullToEmpty(policy.getSpec().getIngress())) {
                    if (portMatches(rule.getPorts(), port, protocol) && peersMatch(rule.getFrom(), peer, namespace)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static List<NetworkPolicy> selecting(Rendered rendered, Endpoint pod, String direction) {
        if (pod.namespace() == null) {
            return List.of();
        }
        return rendered.networkPolicies().stream()
                .filter(p -> pod.namespace().equals(p.getMetadata().getNamespace()))
                .filter(p -> policyTypes(p).contains(direction))
                .filter(p -> Selectors.matches(p.getSpec().getPodSelector(), pod.labels()))
                .toList();
    }

    private static List<String> policyTypes(NetworkPolicy policy) {
        var types = policy.getSpec().getPolicyTypes();
        if (types != null && !types.isEmpty()) {
            return types;
        }
        return policy.getSpec().getEgress() != null
                        && !policy.getSpec().getEgress().isEmpty()
                ? List.of("Ingress", "Egress")
                : List.of("Ingress");
    }

    private static boolean portMatches(List<NetworkPolicyPort> ports, int port, String protocol) {
        if (ports == null || ports.isEmpty()) {
            return true;
        }
        for (var candidate : ports) {
            var candidateProtocol = candidate.getProtocol() == null ? TCP : candidate.getProtocol();
            if (!candidateProtocol.equals(protocol)) {
                continue;
            }
            if (candidate.getPort() == null) {
                return true;
            }
            if (candidate.getPort().getIntVal() == null) {
                throw new AssertionError("named ports are not evaluated here: "
                        + candidate.getPort().getStrVal());
            }
            int low = candidate.getPort().getIntVal();
            int high = candidate.getEndPort() == null ? low : candidate.getEndPort();
            if (port >= low && port <= high) {
                return true;
            }
        }
        return false;
    }

    private static boolean peersMatch(List<NetworkPolicyPeer> peers, Endpoint endpoint, String policyNamespace) {
        if (peers == null || peers.isEmpty()) {
            return true;
        }
        return peers.stream().anyMatch(peer -> peerMatches(peer, endpoint, policyNamespace));
    }

    private static boolean peerMatches(NetworkPolicyPeer peer, Endpoint endpoint, String policyNamespace) {
        if (peer.getIpBlock() != null) {
            // pods are matched by selectors here; an ipBlock is for what lies outside the cluster
            if (endpoint.namespace() != null || endpoint.ip() == null) {
                return false;
            }
            if (!inCidr(endpoint.ip(), peer.getIpBlock().getCidr())) {
                return false;
            }
            return nullToEmpty(peer.getIpBlock().getExcept()).stream().noneMatch(c -> inCidr(endpoint.ip(), c));
        }
        if (endpoint.namespace() == null) {
            return false;
        }
        if (peer.getNamespaceSelector() == null) {
            if (!endpoint.namespace().equals(policyNamespace)) {
                return false;
            }
        } else if (!Selectors.matches(
                peer.getNamespaceSelector(), Map.of("kubernetes.io/metadata.name", endpoint.namespace()))) {
            return false;
        }
        return peer.getPodSelector() == null || Selectors.matches(peer.getPodSelector(), endpoint.labels());
    }

    static boolean inCidr(String ip, String cidr) {
        try {
            var parts = cidr.split("/");
            var address = new BigInteger(1, InetAddress.getByName(ip).getAddress());
            var network = new BigInteger(1, InetAddress.getByName(parts[0]).getAddress());
            int bits = InetAddress.getByName(parts[0]).getAddress().length * 8;
            if (InetAddress.getByName(ip).getAddress().length * 8 != bits) {
                return false;
            }
            int prefix = Integer.parseInt(parts[1]);
            var shift = bits - prefix;
            return address.shiftRight(shift).equals(network.shiftRight(shift));
        } catch (UnknownHostException e) {
            throw new AssertionError("not an address: " + ip + " / " + cidr, e);
        }
    }

    private static <T> List<T> nullToEmpty(List<T> list) {
        return list == null ? List.of() : list;
    }

    /** A pod (namespace and labels) or an address outside the cluster (namespace null). */
    record Endpoint(String namespace, Map<String, String> labels, String ip) {

        static Endpoint external(String ip) {
            return new Endpoint(null, Map.of(), ip);
        }

        static Endpoint backing(String namespace, String name, String ip) {
            return new Endpoint(namespace, Map.of("app.kubernetes.io/name", name), ip);
        }

        @Override
        public String toString() {
            return namespace == null ? ip : labels.getOrDefault("app.kubernetes.io/name", labels.toString());
        }
    }
}
