package dev.rightsplatform.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

import java.util.Map;
import org.junit.jupiter.api.Test;

class RoutePolicyUnitTests {

    @Test
    void aRouteWithoutMetadataCountsItsCaller() {
        assertThat(RoutePolicy.parse("rights-api", Map.of())).isEqualTo(RoutePolicy.CALLER);
        assertThat(RoutePolicy.of(null)).isEqualTo(RoutePolicy.CALLER);
    }

    @Test
    void theMetadataNamesThePolicy() {
        assertThat(RoutePolicy.parse("portal", Map.of("rate-limit", "none"))).isEqualTo(RoutePolicy.NONE);
        assertThat(RoutePolicy.parse("portal-without-account", Map.of("rate-limit", "per-address")))
                .isEqualTo(RoutePolicy.PER_ADDRESS);
        assertThat(RoutePolicy.parse("x", Map.of("rate-limit", "caller"))).isEqualTo(RoutePolicy.CALLER);
    }

    @Test
    void anUnknownPolicyIsRefusedByRouteName() {
        assertThatIllegalStateException()
                .isThrownBy(() -> RoutePolicy.parse("portal", Map.of("rate-limit", "off")))
                .withMessageContaining("route portal")
                .withMessageNotContaining("off");
    }
}
