package dev.rightsplatform.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/** Calls through the platform's gateway as a signed-in person would, and reads what the SMTP server received. */
final class GatewayApi {

    static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Platform platform;
    /** The gateway's address; null: the platform's (first) gateway. */
    private final String gatewayUrl;

    GatewayApi(Platform platform) {
        this(platform, null);
    }

    /** Through the gateway at {@code gatewayUrl} (one of several replicas). */
    GatewayApi(Platform platform, String gatewayUrl) {
        this.platform = platform;
        this.gatewayUrl = gatewayUrl;
    }

    HttpResponse<String> call(String method, String path, String token, String body) throws Exception {
        return call(method, path, token, body, Map.of());
    }

    HttpResponse<String> call(String method, String path, String token, String body, Map<String, String> headers)
            throws Exception {
        return HTTP.send(request(method, path, token, body, headers), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<byte[]> download(String path, String token) throws Exception {
        return HTTP.send(request("GET", path, token, null, Map.of()), HttpResponse.BodyHandlers.ofByteArray());
    }

    JsonNode json(HttpResponse<String> response) throws IOException {
        return JSON.readTree(response.body());
    }

    /** The answer is an RFC 9457 problem of this type. */
    void assertProblem(HttpResponse<String> response, int status, String type) throws IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type"))
                .hasValueSatisfying(contentType -> assertThat(contentType).startsWith("application/problem+json"));
        assertThat(JSON.readTree(response.body()).get("type").asText()).isEqualTo(type);
    }

    List<MimeMessage> mailsTo(String address) {
        return Arrays.stream(platform.mail.getReceivedMessages())
                .filter(message -> {
                    try {
                        return Arrays.toString(message.getAllRecipients()).contains(address);
                    } catch (MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    /** The text of a mail, whatever its structure (plain, alternative, quoted-printable: decoded). */
    static String mailText(jakarta.mail.Part part) {
        try {
            var content = part.getContent();
            if (content instanceof String string) {
                return string;
            }
            if (content instanceof jakarta.mail.Multipart multipart) {
                var all = new java.util.ArrayList<String>();
                for (int i = 0; i < multipart.getCount(); i++) {
                    all.add(mailText(multipart.getBodyPart(i)));
                }
                return String.join("\n", all);
            }
            return "";
        } catch (java.io.IOException | MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    static String subject(MimeMessage message) {
        try {
            return message.getSubject();
        } catch (MessagingException e) {
            throw new IllegalStateException(e);
        }
    }

    private HttpRequest request(String method, String path, String token, String body, Map<String, String> headers) {
        var builder = HttpRequest.newBuilder(
                        URI.create((gatewayUrl == null ? platform.gatewayUrl() : gatewayUrl) + path))
                .timeout(Duration.ofSeconds(30));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        if (body != null) {
            builder.header("Content-Type", "application/json");
        }
        headers.forEach(builder::header);
        builder.method(
                method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return builder.build();
    }
}
