package dev.rightsplatform.systemtests;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One person's browser, for {@link PortalPagesBench}, over plain HTTP: its own connections (an HTTP/1.1 client that
 * follows no redirect by itself) and its own cookies. It signs in the way a browser does (the portal's page, the
 * redirect to Keycloak's login form, the form posted, the redirect back to the portal's
 * {@code /login/oauth2/code/keycloak}) and then holds the portal's {@code PORTAL_SESSION} cookie.
 * <p>
 * The cookie jar is its own because {@link java.net.CookieManager} never sends a {@code Secure} cookie over http, and
 * Keycloak marks its login cookies Secure (SameSite=None) even on http://127.0.0.1: everything here is loopback, so
 * Secure is ignored. Cookies are matched by host and path (as browsers do, not by port: Keycloak's cookies have the
 * path /realms/…, the portal's /).
 */
final class PortalBenchSession {

    static final String SESSION_COOKIE = "PORTAL_SESSION";
    private static final Duration TIMEOUT = Duration.ofSeconds(30);
    private static final Pattern FORM = Pattern.compile("<form\\b[^>]*>", Pattern.CASE_INSENSITIVE);
    private static final Pattern ACTION = Pattern.compile("\\baction\\s*=\\s*\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern ENTITY = Pattern.compile("&(#x[0-9a-fA-F]+|#[0-9]+|amp|quot|apos|lt|gt);");
    private static final Pattern TITLE = Pattern.compile("<title>([^<]*)</title>", Pattern.CASE_INSENSITIVE);

    private record Cookie(String host, String path, String name, String value) {}

    final String username;
    final String password;
    final HttpClient http;
    /** By host, path and name; an insertion-ordered map keeps the Cookie header stable. */
    private final Map<String, Cookie> cookies = new LinkedHashMap<>();
    /** The person's API token (password grant of rights-dev), renewed by the bench before each API pass. */
    volatile String token;

    PortalBenchSession(String username, String password) {
        this.username = username;
        this.password = password;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1) // what a browser speaks over plain http (no h2c upgrade)
                .followRedirects(HttpClient.Redirect.NEVER)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    /**
     * Opens {@code gateway + firstPage} signed out, signs in on Keycloak's form, and returns the page the portal
     * finally shows (after the redirect back to where the person started). Fails naming the step that went wrong.
     */
    HttpResponse<String> signIn(String gateway, String firstPage, String keycloakUrl)
            throws IOException, InterruptedException {
        var response = follow(get(URI.create(gateway + firstPage), Map.of()));
        var loginPage = response.request().uri();
        if (response.statusCode() != 200 || !loginPage.toString().startsWith(keycloakUrl)) {
            throw new IllegalStateException(username + ": expected Keycloak's login page after " + firstPage + ", got "
                    + response.statusCode() + " at " + loginPage + " (" + title(response.body()) + ")");
        }
        var action = loginFormAction(response.body());
        var form = "username=" + URLEncoder.encode(username, StandardCharsets.UTF_8) + "&password="
                + URLEncoder.encode(password, StandardCharsets.UTF_8) + "&credentialId=";
        var posted = send(HttpRequest.newBuilder(loginPage.resolve(action))
                .timeout(TIMEOUT)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
        if (posted.statusCode() != 302 && posted.statusCode() != 303) {
            throw new IllegalStateException(username + ": Keycloak did not accept the login form: "
                    + posted.statusCode() + " (" + title(posted.body()) + ")");
        }
        var back = follow(posted);
        var at = back.request().uri();
        if (back.statusCode() != 200 || !at.toString().startsWith(gateway)) {
            throw new IllegalStateException(username + ": not back on the portal after signing in: " + back.statusCode()
                    + " at " + at + " (" + title(back.body()) + ")");
        }
        if (sessionCookie() == null) {
            throw new IllegalStateException(username + ": signed in but holds no " + SESSION_COOKIE + " cookie");
        }
        return back;
    }

    /** A page, as the browser asks for it (its cookies, HTML, English). No redirect is followed. */
    HttpResponse<String> page(URI uri) throws IOException, InterruptedException {
        return get(uri, Map.of("Accept", "text/html,application/xhtml+xml", "Accept-Language", "en"));
    }

    /** An API call with the person's bearer token (no cookies), as a single-page app or script makes it. */
    HttpResponse<String> api(URI uri) throws IOException, InterruptedException {
        return http.send(apiRequest(uri), HttpResponse.BodyHandlers.ofString());
    }

    CompletableFuture<HttpResponse<String>> apiAsync(URI uri) {
        return http.sendAsync(apiRequest(uri), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest apiRequest(URI uri) {
        return HttpRequest.newBuilder(uri)
                .timeout(TIMEOUT)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .header("Accept-Language", "en")
                .GET()
                .build();
    }

    synchronized String sessionCookie() {
        return cookies.values().stream()
                .filter(cookie -> cookie.name().equals(SESSION_COOKIE))
                .map(Cookie::value)
                .findFirst()
                .orElse(null);
    }

    private HttpResponse<String> get(URI uri, Map<String, String> headers) throws IOException, InterruptedException {
        var builder = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET();
        if (headers.isEmpty()) {
            builder.header("Accept", "text/html").header("Accept-Language", "en");
        }
        headers.forEach(builder::header);
        return send(builder);
    }

    private HttpResponse<String> send(HttpRequest.Builder builder) throws IOException, InterruptedException {
        var uri = builder.build().uri();
        var header = cookieHeader(uri);
        if (!header.isEmpty()) {
            builder.header("Cookie", header);
        }
        var response = http.send(builder.build(), HttpResponse.BodyHandlers.ofString());
        store(uri, response.headers().allValues("set-cookie"));
        return response;
    }

    /** Follows redirects (GET, as a browser does after a 302/303) until an answer that is none, at most 10. */
    private HttpResponse<String> follow(HttpResponse<String> response) throws IOException, InterruptedException {
        for (int i = 0; i < 10; i++) {
            var status = response.statusCode();
            if (status < 300 || status > 399) {
                return response;
            }
            var location = response.headers()
                    .firstValue("Location")
                    .orElseThrow(() -> new IllegalStateException(username + ": " + status + " without a Location"));
            response = get(response.request().uri().resolve(location), Map.of());
        }
        throw new IllegalStateException(username + ": more than 10 redirects, last at "
                + response.request().uri());
    }

    private synchronized String cookieHeader(URI uri) {
        var path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        var values = new ArrayList<String>();
        for (var cookie : cookies.values()) {
            if (cookie.host().equalsIgnoreCase(uri.getHost()) && pathMatches(path, cookie.path())) {
                values.add(cookie.name() + "=" + cookie.value());
            }
        }
        return String.join("; ", values);
    }

    private static boolean pathMatches(String requestPath, String cookiePath) {
        return requestPath.equals(cookiePath)
                || (requestPath.startsWith(cookiePath)
                        && (cookiePath.endsWith("/") || requestPath.charAt(cookiePath.length()) == '/'));
    }

    private synchronized void store(URI uri, List<String> setCookies) {
        for (var line : setCookies) {
            var parts = line.split(";");
            var pair = parts[0];
            var at = pair.indexOf('=');
            if (at <= 0) {
                continue;
            }
            var name = pair.substring(0, at).trim();
            var value = pair.substring(at + 1).trim();
            var path = defaultPath(uri);
            var host = uri.getHost();
            var expired = false;
            Long maxAge = null;
            for (int i = 1; i < parts.length; i++) {
                var attribute = parts[i].trim();
                var eq = attribute.indexOf('=');
                var key =
                        (eq < 0 ? attribute : attribute.substring(0, eq)).trim().toLowerCase(Locale.ROOT);
                var argument = eq < 0 ? "" : attribute.substring(eq + 1).trim();
                switch (key) {
                    case "path" -> path = argument.startsWith("/") ? argument : path;
                    case "max-age" -> maxAge = Long.parseLong(argument);
                    case "expires" -> expired |= inThePast(argument);
                    default -> {} // Secure, HttpOnly, SameSite, Domain: all loopback here
                }
            }
            if (maxAge != null) {
                expired = maxAge <= 0;
            }
            var key = host + " " + path + " " + name;
            if (expired) {
                cookies.remove(key);
            } else {
                cookies.put(key, new Cookie(host, path, name, value));
            }
        }
    }

    /** RFC 6265's default path: the request path up to its last slash. */
    private static String defaultPath(URI uri) {
        var path = uri.getRawPath();
        if (path == null || !path.startsWith("/") || path.lastIndexOf('/') == 0) {
            return "/";
        }
        return path.substring(0, path.lastIndexOf('/'));
    }

    private static boolean inThePast(String expires) {
        try {
            // Keycloak writes "Thu, 01-Jan-1970 00:00:10 GMT"; RFC 1123 has spaces where it has dashes
            var normalised = expires.replaceAll("(\\d{1,2})-([A-Za-z]{3})-(\\d{2,4})", "$1 $2 $3");
            return ZonedDateTime.parse(normalised, DateTimeFormatter.RFC_1123_DATE_TIME)
                    .toInstant()
                    .isBefore(Instant.now());
        } catch (RuntimeException unreadable) {
            return false;
        }
    }

    /** The action of Keycloak's login form ({@code kc-form-login}, or the first form that posts to login-actions). */
    private String loginFormAction(String html) {
        String fallback = null;
        var forms = FORM.matcher(html);
        while (forms.find()) {
            var action = ACTION.matcher(forms.group());
            if (!action.find()) {
                continue;
            }
            var value = unescape(action.group(1));
            if (forms.group().contains("kc-form-login")) {
                return value;
            }
            if (fallback == null && value.contains("login-actions")) {
                fallback = value;
            }
        }
        if (fallback == null) {
            throw new IllegalStateException(username + ": no login form on Keycloak's page (" + title(html) + ")");
        }
        return fallback;
    }

    private static String unescape(String html) {
        Matcher entity = ENTITY.matcher(html);
        var out = new StringBuilder();
        while (entity.find()) {
            var name = entity.group(1);
            String text = switch (name) {
                case "amp" -> "&";
                case "quot" -> "\"";
                case "apos" -> "'";
                case "lt" -> "<";
                case "gt" -> ">";
                default ->
                    Character.toString(
                            name.startsWith("#x")
                                    ? Integer.parseInt(name.substring(2), 16)
                                    : Integer.parseInt(name.substring(1)));
            };
            entity.appendReplacement(out, Matcher.quoteReplacement(text));
        }
        entity.appendTail(out);
        return out.toString();
    }

    static String title(String html) {
        var title = TITLE.matcher(html == null ? "" : html);
        return title.find() ? "page \"" + title.group(1).trim() + "\"" : "no title";
    }
}
