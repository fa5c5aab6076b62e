package dev.rightsplatform.rights.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.rightsplatform.rights.delivery.store.EncryptedStore;
import dev.rightsplatform.rights.delivery.store.S3EncryptedStore;
import dev.rightsplatform.rights.support.S3MockServer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;
import tools.jackson.databind.JsonNode;

/**
 * Every test of {@link AccessExportIntegrationTests} again with {@code rights.storage.type: s3} on an S3-compatible
 * server ({@link S3MockServer}; credentials from the SDK's default chain), and one that looks into the bucket while
 * an export goes through: the parts and the archive are there under the prefix, as ciphertext, the archive downloads
 * through its link, and the retention deletes it from the bucket.
 */
class AccessExportS3IntegrationTests extends AccessExportIntegrationTests {

    private static final String BUCKET = S3MockServer.get().newBucket();
    private static final String PREFIX =
            "rights-" + UUID.randomUUID().toString().substring(0, 8) + "/";

    @Autowired
    EncryptedStore store;

    @DynamicPropertySource
    static void s3(DynamicPropertyRegistry registry) {
        registry.add("rights.storage.type", () -> "s3");
        registry.add("rights.storage.s3.bucket", () -> BUCKET);
        registry.add(
                "rights.storage.s3.endpoint",
                () -> S3MockServer.get().endpoint().toString());
        registry.add("rights.storage.s3.region", () -> S3MockServer.REGION);
        registry.add("rights.storage.s3.path-style-access", () -> "true");
        registry.add("rights.storage.s3.prefix", () -> PREFIX);
    }

    @Test
    void anExportGoesThroughTheBucketAsCiphertext() throws Exception {
        assertThat(store).isInstanceOf(S3EncryptedStore.class);
        var subject = newSubject();
        var owner = tokens.subject(subject);
        var id = submit(owner, "EXPORT");
        var tasks = tasks(2).values();
        for (var task : tasks) {
            var receipt = upload(task, part(task.get("systemId").asString(), subject))
                    .expectStatus()
                    .isOk()
                    .expectBody(JsonNode.class)
                    .returnResult()
                    .getResponseBody();
            publishJson(done(task, receipt));
        }
        try (S3Client raw = S3MockServer.get().client()) {
            // the parts are in the bucket (until the archive is built from them), as ciphertext
            for (var task : tasks) {
                String name = PREFIX + "parts/" + id + "/" + task.get("taskId").asString() + ".json";
                if (exists(raw, name)) {
                    assertCiphertext(
                            raw.getObjectAsBytes(
                                            request -> request.bucket(BUCKET).key(name))
                                    .asByteArray(),
                            subject);
                }
            }
            await().atMost(Duration.ofSeconds(30))
                    .until(() ->
                            "COMPLETED".equals(view(id, owner).get("status").asString()));

            String archive = PREFIX + "archives/" + id + ".zip";
            byte[] stored = raw.getObjectAsBytes(
                            request -> request.bucket(BUCKET).key(archive))
                    .asByteArray();
            assertCiphertext(stored, subject);
            // the parts are deleted right after the commit that completes the request
            await().atMost(Duration.ofSeconds(10))
                    .untilAsserted(() -> assertThat(raw.listObjectsV2(
                                            request -> request.bucket(BUCKET).prefix(PREFIX + "parts/" + id + "/"))
                                    .contents())
                            .as("the parts were deleted once the archive held them")
                            .isEmpty());

            var link = http.post()
                    .uri("/api/v1/requests/" + id + "/export-link")
                    .headers(h -> h.setBearerAuth(owner))
                    .exchange()
                    .expectStatus()
                    .isCreated()
                    .expectBody(JsonNode.class)
                    .returnResult()
                    .getResponseBody();
            var zip = http.get()
                    .uri(link.get("href").asString())
                    .headers(h -> h.setBearerAuth(owner))
                    .exchange()
                    .expectStatus()
                    .isOk()
                    .expectHeader()
                    .contentType("application/zip")
                    .expectBody(byte[].class)
                    .returnResult()
                    .getResponseBody();
            assertThat(sha256(zip)).isEqualTo(link.get("sha256").asString());
            assertThat(link.get("size").asLong()).isEqualTo(zip.length);
            var files = unzip(zip);
            assertThat(new String(files.get("systems/crm.json"), StandardCharsets.UTF_8))
                    .contains(subject);
            assertThat(files).containsKeys("manifest.json", "index.html", "systems/orders/profile.csv");

            db.sql("update export_archive set expires_at = now() - interval '1 second'")
                    .then()
                    .block();
            assertThat(retention.sweep().block()).isEqualTo(1);
            assertThat(exists(raw, archive))
                    .as("the expired archive is deleted from the bucket")
                    .isFalse();
        }
    }

    private static boolean exists(S3Client raw, String name) {
        return raw.listObjectsV2(request -> request.bucket(BUCKET).prefix(name)).contents().stream()
                .map(S3Object::key)
                .anyMatch(name::equals);
    }

    private static void assertCiphertext(byte[] stored, String subject) {
        assertThat(new String(Arrays.copyOf(stored, 4), StandardCharsets.US_ASCII))
                .isEqualTo("RPS1");
        assertThat(new String(stored, StandardCharsets.ISO_8859_1))
                .doesNotContain(subject, "categories", "PK\u0003\u0004");
    }
}
