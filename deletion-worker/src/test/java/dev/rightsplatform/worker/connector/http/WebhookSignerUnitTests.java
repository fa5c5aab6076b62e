package dev.rightsplatform.worker.connector.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The webhook and callback signatures, checked against values computed independently with openssl. */
class WebhookSignerUnitTests {

    private static final String BODY = "{\"taskId\":\"3f1c2a54-8a8e-4a4e-9a55-0d2b9a1d7c10\",\"action\":\"ERASE\"}";

    private final WebhookSigner signer = new WebhookSigner("crm-dev-webhook-secret");

    @Test
    void signsTimestampDotRawBodyAsLowercaseHexHmacSha256() {
        // printf '%s' '1700000000.<body>' | openssl dgst -sha256 -hmac 'crm-dev-webhook-secret' -hex
        assertThat(this.signer.sign(1700000000L, bytes(BODY)))
                .isEqualTo("v1=8cf8553d1d319384f4e1a5d6b567d4009a22c9d9b7320c23f5e87ca068ccaba7");
    }

    @Test
    void theTimestampIsPartOfWhatIsSigned() {
        assertThat(this.signer.sign(1700000001L, bytes(BODY)))
                .isEqualTo("v1=a33902bc0f862b38287d8bb3232c48d6482baa698fbb02fd272c9597bf60b5ea");
    }

    @Test
    void signsTheBytesAsSentIncludingNonAsciiAndEmptyBodies() {
        assertThat(this.signer.sign(1700000000L, bytes("{\"userId\":\"李伟\"}")))
                .isEqualTo("v1=159ad1d4d0c74999356a95cf9b5a8ddbb6ee73f88e3601a2592e7dbb404afd5c");
        assertThat(this.signer.sign(1700000000L, new byte[0]))
                .isEqualTo("v1=d587c52ab33b995556c5e74f3bab45e515dc5394ff0e5dd41b7fe2f3af7d3892");
    }

    @Test
    void anotherSecretGivesAnotherSignature() {
        assertThat(new WebhookSigner("orders-dev-webhook-secret").sign(1700000000L, bytes(BODY)))
                .isNotEqualTo(this.signer.sign(1700000000L, bytes(BODY)));
    }

    private static final String REPORT = "{\"status\":\"done\",\"reference\":\"crm-9\"}";

    private static final UUID TASK = UUID.fromString("3f1c2a54-8a8e-4a4e-9a55-0d2b9a1d7c10");

    @Test
    void signsACallbackOverItsSystemTaskTimestampAndBody() {
        // printf '%s' 'v2.waiter.<task>.1700000000.<report>' | openssl dgst -sha256 -hmac 'crm-dev-webhook-secret'
        String signature = "v2=521caa2f8c0109edb1b0b7fd5774bbedf0f74c54a2c472ce6eab5592fd01727d";

        assertThat(this.signer.signCallback("waiter", TASK, 1700000000L, bytes(REPORT)))
                .isEqualTo(signature);
        assertThat(this.signer.verifiesCallback("waiter", TASK, "1700000000", signature, bytes(REPORT)))
                .isTrue();
    }

    @Test
    void aCallbacksSignatureHoldsForNoOtherTaskSystemTimestampOrBody() {
        String signature = this.signer.signCallback("waiter", TASK, 1700000000L, bytes(REPORT));
        UUID otherTask = UUID.fromString("3f1c2a54-8a8e-4a4e-9a55-0d2b9a1d7c11");

        assertThat(this.signer.signCallback("waiter", otherTask, 1700000000L, bytes(REPORT)))
                .isEqualTo("v2=2bac1cea31ada22d878a3e6997e69223d9fccdfeac275d96457c2c3cf138d14e");
        // even with the same secret, another system's callback is another signature
        assertThat(this.signer.signCallback("archive", TASK, 1700000000L, bytes(REPORT)))
                .isEqualTo("v2=7706ae1ac8d4ae8bf42710cd01a08d40054ca518b8c9b4ee30f36d8e717276a4");
        assertThat(this.signer.verifiesCallback("waiter", otherTask, "1700000000", signature, bytes(REPORT)))
                .isFalse();
        assertThat(this.signer.verifiesCallback("archive", TASK, "1700000000", signature, bytes(REPORT)))
                .isFalse();
        assertThat(this.signer.verifiesCallback("waiter", TASK, "1700000001", signature, bytes(REPORT)))
                .isFalse();
        assertThat(this.signer.verifiesCallback(
                        "waiter", TASK, "1700000000", signature, bytes(REPORT.replace("crm-9", "crm-8"))))
                .isFalse();
        assertThat(this.signer.verifiesCallback("waiter", TASK, "not-a-number", signature, bytes(REPORT)))
                .isFalse();
    }

    @Test
    void aCallSignatureNeverPassesForACallback() {
        String call = this.signer.sign(1700000000L, bytes(REPORT));

        assertThat(this.signer.verifiesCallback("waiter", TASK, "1700000000", call, bytes(REPORT)))
                .isFalse();
        assertThat(WebhookSigner.isVersion1(call)).isTrue();
    }

    @Test
    void neverShowsTheSecret() {
        assertThat(this.signer.toString()).doesNotContain("crm-dev-webhook-secret");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
