package dev.rightsplatform.portal;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

/**
 * One browser's worth of calls to a portal listening on {@code port}, as if through the gateway at
 * http://127.0.0.1:8080 (the X-Forwarded headers the gateway adds; Keycloak accepts that redirect address). Keeps its
 * own cookies, Secure ones too (Keycloak marks its login cookies Secure even on http://127.0.0.1, which browsers
 * accept for loopback and java.net's cookie handler does not). Follows no redirect by itself.
 */
final class PortalClient {

    static final String PUBLIC_BASE = "http://127.0.0.1:8080";

    private static final java.time.Duration TIMEOUT = java.time.Duration.ofSeconds(30);

    private final HttpClient http = HttpClient.newBuilder()
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(TIMEOUT)
            .build();
    private String portal;
    private final Map<String, Map<String, String>> cookies = new LinkedHashMap<>(); // by host:port
    private String language = "en";
    private String extraHeader;
    private String extraValue;

    PortalClient(int port) {
        this.portal = "http://127.0.0.1:" + port;
    }

    /** The same browser (its cookies) from now on talking to another portal replica. */
    PortalClient onPort(int port) {
        var cookiesHere = cookies.get(authority(URI.create(portal)));
        this.portal = "http://127.0.0.1:" + port;
        if (cookiesHere != null) {
            cookies.put(authority(URI.create(portal)), cookiesHere);
        }
        return this;
    }

    PortalClient acceptLanguage(String tag) {
        this.language = tag;
        return this;
    }

    PortalClient withHeader(String name, String value) {
        this.extraHeader = name;
        this.extraValue = value;
        return this;
    }

    String sessionCookie() {
        return cookies.getOrDefault(authority(URI.create(portal)), Map.of()).get("PORTAL_SESSION");
    }

    HttpResponse<String> get(String path) {
        return send(builder(path).GET().build());
    }

    HttpResponse<String> post(String path, Map<String, String> form) {
        return send(builder(path)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form)))
                .build());
    }

    /** A form whose fields may repeat (ticked checkboxes): each pair is one field, in order. */
    HttpResponse<String> post(String path, java.util.List<Map.Entry<String, String>> form) {
        var body = form.stream()
                .map(field -> java.net.URLEncoder.encode(field.getKey(), java.nio.charset.StandardCharsets.UTF_8) + "="
                        + java.net.URLEncoder.encode(field.getValue(), java.nio.charset.StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        return send(builder(path)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build());
    }

    /** The page's CSRF token, from its first form. */
    static String csrf(HttpResponse<String> page) {
        return Jsoup.parse(page.body()).selectFirst("input[name=_csrf]").attr("value");
    }

    static Document html(HttpResponse<String> page) {
        return Jsoup.parse(page.body());
    }

    /** Signs in through Keycloak's real login form, starting from a page that needs it; answers the page's address. */
    String signIn(String username, String password, String startPath) {
        var start = get(startPath);
        expect(start, 302);
        var authorize = get(location(start)); // /oauth2/authorization/keycloak
        expect(authorize, 302);
        var loginPage = send(
                HttpRequest.newBuilder(URI.create(location(authorize))).GET().build());
        expect(loginPage, 200);
        var action =
                Jsoup.parse(loginPage.body()).selectFirst("form#kc-form-login").attr("action");
        var back = send(HttpRequest.newBuilder(URI.create(action))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(
                        encode(Map.of("username", username, "password", password, "credentialId", ""))))
                .build());
        expect(back, 302);
        var callback = URI.create(location(back));
        var done = get(callback.getRawPath() + "?" + callback.getRawQuery());
        expect(done, 302);
        return location(done);
    }

    static String location(HttpResponse<String> response) {
        var location = response.headers()
                .firstValue("Location")
                .orElseThrow(() -> new AssertionError(
                        "no Location in a " + response.statusCode() + " answer to " + response.uri()));
        return location.startsWith(PUBLIC_BASE) ? location.substring(PUBLIC_BASE.length()) : location;
    }

    private static void expect(HttpResponse<String> response, int status) {
        if (response.statusCode() != status) {
            throw new AssertionError("expected " + status + " from " + response.uri() + ", got " + response.statusCode()
                    + ": "
                    + response.body().substring(0, Math.min(400, response.body().length())));
        }
    }

    private HttpRequest.Builder builder(String path) {
        var builder = HttpRequest.newBuilder(URI.create(path.startsWith("http") ? path : portal + path))
                .header("X-Forwarded-Host", "127.0.0.1:8080")
                .header("X-Forwarded-Proto", "http")
                .header("X-Forwarded-Port", "8080")
                .header("Accept", "text/html")
                .header("Accept-Language", language);
        if (extraHeader != null) {
            builder.header(extraHeader, extraValue);
        }
        return builder;
    }

    private HttpResponse<String> send(HttpRequest request) {
        var withCookies = HttpRequest.newBuilder(request, (name, value) -> true).timeout(TIMEOUT);
        var jar = cookies.getOrDefault(authority(request.uri()), Map.of());
        if (!jar.isEmpty()) {
            withCookies.header(
                    "Cookie",
                    jar.entrySet().stream()
                            .map(e -> e.getKey() + "=" + e.getValue())
                            .collect(Collectors.joining("; ")));
        }
        try {
            var response = http.send(withCookies.build(), HttpResponse.BodyHandlers.ofString());
            for (var header : response.headers().allValues("Set-Cookie")) {
                var pair = header.split(";", 2)[0];
                var cut = pair.indexOf('=');
                var store = cookies.computeIfAbsent(authority(request.uri()), key -> new LinkedHashMap<>());
                var value = pair.substring(cut + 1);
                if (value.isEmpty() || header.toLowerCase().contains("max-age=0")) {
                    store.remove(pair.substring(0, cut));
                } else {
                    store.put(pair.substring(0, cut), value);
                }
            }
            return response;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String authority(URI uri) {
        return uri.getHost() + ":" + uri.getPort();
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }
}
