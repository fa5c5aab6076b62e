package dev.rightsplatform.worker.settings;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.BeanCreationException;
import org.springframework.boot.diagnostics.FailureAnalysis;

/** The start-up failure report names the setting and the environment variable that sets it. */
class InvalidSettingFailureAnalyzerUnitTests {

    @Test
    void reportsTheSettingAndItsEnvironmentVariable() {
        InvalidSettingException wrong = new InvalidSettingException("platform.systems.crm.secret", "is required");
        BeanCreationException failure = new BeanCreationException("connectors", "could not build", wrong);

        FailureAnalysis analysis = new InvalidSettingFailureAnalyzer().analyze(failure);

        assertThat(analysis).isNotNull();
        assertThat(analysis.getDescription()).contains("Setting 'platform.systems.crm.secret' is required");
        assertThat(analysis.getAction())
                .contains("platform.systems.crm.secret")
                .contains("PLATFORM_SYSTEMS_CRM_SECRET");
    }

    @Test
    void dashedSettingsMapToTheirRelaxedEnvironmentVariable() {
        assertThat(new InvalidSettingException("worker.keycloak.client-secret", "x").environmentVariable())
                .isEqualTo("WORKER_KEYCLOAK_CLIENTSECRET");
    }
}
