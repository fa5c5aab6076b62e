package dev.rightsplatform.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Access and export end to end, through the gateway with real Keycloak tokens: every system that holds the person's
 * data is asked for it (signed calls), the person reads it grouped by system and category, or downloads an archive
 * that matches its manifest file by file; the store holds it encrypted; links expire with 410; nobody else gets in.
 */
@ExtendWith(PlatformExtension.class)
class AccessExportSystemTests {

    private static Platform platform;
    private static GatewayApi api;

    @BeforeAll
    static void platform(Platform running) {
        platform = running;
        api = new GatewayApi(running);
    }

    @Test
    void accessCollectsFromEverySystemThatHoldsDataAndOnlyTheOwnerReadsIt() throws Exception {
        var person = platform.keycloak.newDataSubject("en");
        var token = platform.keycloak.accessToken(person);
        var requestId = submit(token, "ACCESS");
        var completed = awaitStatus(requestId, token, "COMPLETED");
        assertThat(actions(completed))
                .containsExactlyInAnyOrder("crm:COLLECT=DONE", "orders:COLLECT=DONE", "billing:COLLECT=DONE");
        for (var name : Platform.DATA_SYSTEMS) {
            assertThat(FakeDownstreamSystem.mentioning(platform.systems.get(name).collectCalls, person.id()))
                    .as("%s got one signed collect call for the person", name)
                    .singleElement()
                    .satisfies(call -> assertThat(call.signatureValid()).isTrue());
        }
        assertThat(FakeDownstreamSystem.mentioning(platform.systems.get("support").collectCalls, person.id()))
                .as("a system that holds no data for access is not asked")
                .isEmpty();

        var data = api.call("GET", "/api/v1/requests/" + requestId + "/data", token, null);
        assertThat(data.statusCode()).as(data.body()).isEqualTo(200);
        var systems = api.json(data).get("systems");
        assertThat(StreamSupport.stream(systems.spliterator(), false)
                        .map(system -> system.get("systemId").asText()))
                .containsExactlyInAnyOrder("crm", "orders", "billing");
        for (var system : systems) {
            var categories = system.get("categories");
            assertThat(categories.get("profile").get(0).get("userId").asText()).isEqualTo(person.id());
            assertThat(categories.get("profile").get(0).get("system").asText())
                    .isEqualTo(system.get("systemId").asText());
            assertThat(categories.get("orders")).hasSize(2);
            assertThat(categories.get("devices").get(0).at("/seen/last").asText())
                    .isEqualTo("2026-11-01");
        }

        var other = platform.keycloak.newDataSubject("en");
        var otherToken = platform.keycloak.accessToken(other);
        api.assertProblem(
                api.call("GET", "/api/v1/requests/" + requestId + "/data", otherToken, null),
                404,
                "/problems/request-not-found");
        api.assertProblem(
                api.call("GET", "/api/v1/requests/" + requestId + "/data", null, null),
                401,
                "/problems/unauthenticated");
        assertThat(auditActions(requestId, token)).contains("data.viewed");
    }

    @Test
    void anExportIsDownloadedByItsOwnerMatchesItsManifestAndIsStoredEncrypted() throws Exception {
        var person = platform.keycloak.newDataSubject("zh-CN");
        var token = platform.keycloak.accessToken(person);
        var requestId = submit(token, "EXPORT");
        awaitStatus(requestId, token, "COMPLETED");

        var link = api.call("POST", "/api/v1/requests/" + requestId + "/export-link", token, null);
        assertThat(link.statusCode()).as(link.body()).isEqualTo(201);
        var href = api.json(link).get("href").asText();
        var download = api.download(href, token);
        assertThat(download.statusCode()).isEqualTo(200);
        assertThat(download.headers().firstValue("Content-Type")).hasValue("application/zip");

        var files = unzip(download.body());
        var manifest = GatewayApi.JSON.readTree(files.get("manifest.json"));
        assertThat(files)
                .containsKeys(
                        "index.html",
                        "systems/crm.json",
                        "systems/orders.json",
                        "systems/billing.json",
                        "systems/crm/profile.csv",
                        "systems/crm/orders.csv");
        assertThat(files).doesNotContainKey("systems/crm/devices.csv"); // nested records: JSON only
        var listed = manifestFiles(manifest);
        assertThat(listed.keySet())
                .as("every file but the manifest is listed")
                .containsExactlyInAnyOrderElementsOf(files.keySet().stream()
                        .filter(name -> !name.equals("manifest.json"))
                        .toList());
        for (var file : listed.entrySet()) {
            assertThat(sha256(files.get(file.getKey())))
                    .as("sha256 of %s", file.getKey())
                    .isEqualTo(file.getValue());
        }
        var profile = new String(files.get("systems/crm/profile.csv"), StandardCharsets.UTF_8);
        assertThat(profile).contains(person.id());
        var orders = new String(files.get("systems/crm/orders.csv"), StandardCharsets.UTF_8);
        assertThat(orders).contains("'=1+2").doesNotContain(",=1+2");
        assertThat(new String(files.get("systems/orders.json"), StandardCharsets.UTF_8))
                .contains(person.id());

        assertThat(storedFilesContaining(person.id()))
                .as("nothing in the store holds the person's data in the clear")
                .isEmpty();
        assertThat(storedZipHeaders()).as("no archive is stored as a plain zip").isZero();

        // another person: neither the link nor a new one
        var other = platform.keycloak.newDataSubject("en");
        var otherToken = platform.keycloak.accessToken(other);
        api.assertProblem(api.call("GET", href, otherToken, null), 404, "/problems/link-not-found");
        api.assertProblem(
                api.call("POST", "/api/v1/requests/" + requestId + "/export-link", otherToken, null),
                404,
                "/problems/request-not-found");
        api.assertProblem(api.call("GET", href, null, null), 401, "/problems/unauthenticated");

        // the link expires: 410, and a new link works again
        await().atMost(Platform.LINK_TTL.plusSeconds(10))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> api.call("GET", href, token, null).statusCode() == 410);
        api.assertProblem(api.call("GET", href, token, null), 410, "/problems/link-expired");
        var again = api.json(api.call("POST", "/api/v1/requests/" + requestId + "/export-link", token, null))
                .get("href")
                .asText();
        assertThat(api.download(again, token).statusCode()).isEqualTo(200);

        assertThat(auditActions(requestId, token))
                .containsSubsequence("request.completed", "export.link-issued", "export.downloaded");
        // the person reads in Chinese that the copy can be downloaded (the mail names no link: links are for the owner)
        await().atMost(Duration.ofSeconds(30))
                .until(() -> api.mailsTo(person.email()).stream()
                        .map(GatewayApi::subject)
                        .anyMatch(subject -> subject.contains(requestId) && subject.contains("副本已可下载")));
    }

    private static String submit(String token, String type) throws Exception {
        var submitted = api.call("POST", "/api/v1/requests", token, "{\"type\":\"" + type + "\"}");
        assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
        return api.json(submitted).get("id").asText();
    }

    private static JsonNode awaitStatus(String requestId, String token, String status) {
        return await().atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(
                        () -> api.json(api.call("GET", "/api/v1/requests/" + requestId, token, null)),
                        request -> status.equals(request.path("status").asText()));
    }

    private static List<String> actions(JsonNode request) {
        return StreamSupport.stream(request.get("systems").spliterator(), false)
                .map(system -> system.get("systemId").asText() + ":"
                        + system.get("action").asText() + "="
                        + system.get("status").asText())
                .toList();
    }

    private static List<String> auditActions(String requestId, String token) throws Exception {
        var response = api.call("GET", "/api/v1/requests/" + requestId + "/audit", token, null);
        return StreamSupport.stream(api.json(response).spliterator(), false)
                .map(entry -> entry.get("action").asText())
                .toList();
    }

    private static Map<String, byte[]> unzip(byte[] zip) throws IOException {
        var files = new HashMap<String, byte[]>();
        try (var in = new ZipInputStream(new ByteArrayInputStream(zip))) {
            for (var entry = in.getNextEntry(); entry != null; entry = in.getNextEntry()) {
                files.put(entry.getName(), in.readAllBytes());
            }
        }
        return files;
    }

    /** The manifest's files by path with their sha256; the manifest's layout: {"files":[{"path","size","sha256"}]}. */
    private static Map<String, String> manifestFiles(JsonNode manifest) {
        var files = new HashMap<String, String>();
        manifest.get("files")
                .forEach(file ->
                        files.put(file.get("path").asText(), file.get("sha256").asText()));
        return files;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static List<Path> storedFilesContaining(String text) throws IOException {
        var needle = text.getBytes(StandardCharsets.UTF_8);
        try (Stream<Path> files = Files.walk(platform.storeDirectory())) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> contains(read(file), needle))
                    .toList();
        }
    }

    private static long storedZipHeaders() throws IOException {
        try (Stream<Path> files = Files.walk(platform.storeDirectory())) {
            return files.filter(Files::isRegularFile)
                    .filter(file -> {
                        var bytes = read(file);
                        return bytes.length > 4 && bytes[0] == 'P' && bytes[1] == 'K' && bytes[2] == 3 && bytes[3] == 4;
                    })
                    .count();
        }
    }

    private static byte[] read(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            return new byte[0]; // deleted meanwhile (expired parts): nothing to look at
        }
    }

    private static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }
}
