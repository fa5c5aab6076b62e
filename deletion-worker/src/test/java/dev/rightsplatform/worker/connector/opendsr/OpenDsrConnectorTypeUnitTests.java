package dev.rightsplatform.worker.connector.opendsr;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import dev.rightsplatform.worker.connector.SystemDefinition;
import dev.rightsplatform.worker.connector.SystemSettings;
import dev.rightsplatform.worker.settings.InvalidSettingException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import tools.jackson.databind.json.JsonMapper;

/**
 * certificate-url, the one place besides base-url's host the worker fetches a processor's certificate from: it must
 * be https or on base-url's origin (over plain http anyone on the way could swap whose signatures count), and carry
 * no credentials.
 */
class OpenDsrConnectorTypeUnitTests {

    private final OpenDsrConnectorType type =
            new OpenDsrConnectorType(JsonMapper.builder().build());

    @Test
    void aCertificateUrlOverHttpsElsewhereOrOnTheBaseOriginIsTaken() {
        assertThat(create("https://dsr.vendor.test/opendsr/v2", "https://certs.vendor.test/opendsr.pem"))
                .isNotNull();
        assertThat(create("http://127.0.0.1:8099/opendsr/v2", "http://127.0.0.1:8099/cert.pem"))
                .isNotNull();
    }

    @Test
    void aCertificateUrlOverPlainHttpOffTheBaseOriginIsRefused() {
        assertThatExceptionOfType(InvalidSettingException.class)
                .isThrownBy(() -> create("https://dsr.vendor.test/opendsr/v2", "http://dsr.vendor.test/cert.pem"))
                .satisfies(ex -> assertThat(ex.setting()).isEqualTo("platform.systems.vendor.certificate-url"))
                .withMessageContaining("must be https");
        assertThatExceptionOfType(InvalidSettingException.class)
                .isThrownBy(() -> create("http://127.0.0.1:8099/opendsr/v2", "http://127.0.0.1:8100/cert.pem"));
    }

    @Test
    void aCertificateUrlWithCredentialsIsRefused() {
        assertThatExceptionOfType(InvalidSettingException.class)
                .isThrownBy(
                        () -> create("https://dsr.vendor.test/opendsr/v2", "https://user:pw@certs.vendor.test/c.pem"))
                .withMessageContaining("credentials");
    }

    private Object create(String baseUrl, String certificateUrl) {
        Map<String, String> keys = new LinkedHashMap<>();
        keys.put("platform.systems.vendor.type", "opendsr");
        keys.put("platform.systems.vendor.base-url", baseUrl);
        keys.put("platform.systems.vendor.api-key", "k");
        keys.put("platform.systems.vendor.callback-base-url", "https://worker.test");
        keys.put("platform.systems.vendor.certificate-url", certificateUrl);
        Binder binder = new Binder(new MapConfigurationPropertySource(keys));
        return this.type.create(new SystemDefinition(
                "vendor", new SystemSettings("opendsr", 2, false, Duration.ofSeconds(10)), binder));
    }
}
