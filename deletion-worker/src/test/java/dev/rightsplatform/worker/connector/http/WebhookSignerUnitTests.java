package dev.rightsplatform.worker.connector.http;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** The webhook signature, checked against values computed independently with openssl. */
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

    @Test
    void neverShowsTheSecret() {
        assertThat(this.signer.toString()).doesNotContain("crm-dev-webhook-secret");
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
