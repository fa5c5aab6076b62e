package dev.rightsplatform.systemtests;

import com.deque.html.axecore.results.CheckedNode;
import com.deque.html.axecore.results.Rule;
import com.deque.html.axecore.selenium.AxeBuilder;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.NoSuchElementException;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.FluentWait;

/**
 * A headless Chromium for the portal's browser tests: the machine's own /usr/bin/chromium driven through its
 * /usr/bin/chromedriver (named explicitly, so Selenium Manager never looks for or downloads anything), with a fresh
 * profile, a download folder of its own, full-page screenshots, phone-width emulation and axe-core checks.
 */
final class Browser implements AutoCloseable {

    static final Path CHROMIUM = Path.of(System.getProperty("browser.chromium", "/usr/bin/chromium"));
    static final Path CHROMEDRIVER = Path.of(System.getProperty("browser.chromedriver", "/usr/bin/chromedriver"));
    static final Dimension DESKTOP = new Dimension(1280, 900);
    static final int PHONE_WIDTH = 390;
    static final int PHONE_HEIGHT = 844;
    static final Duration WAIT = Duration.ofSeconds(20);

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    final ChromeDriver driver;
    final Path downloads;
    private final String baseUrl;
    private final Path screenshots;

    private Browser(ChromeDriver driver, Path downloads, String baseUrl, Path screenshots) {
        this.driver = driver;
        this.downloads = downloads;
        this.baseUrl = baseUrl;
        this.screenshots = screenshots;
    }

    /** A new browser with an empty profile, for pages under {@code baseUrl} (the gateway). */
    static Browser open(String baseUrl, Path targetDirectory) {
        if (!Files.isExecutable(CHROMIUM) || !Files.isExecutable(CHROMEDRIVER)) {
            throw new IllegalStateException("the browser tests need " + CHROMIUM + " and " + CHROMEDRIVER
                    + " (Debian: apt-get install chromium chromium-driver)");
        }
        try {
            var downloads = Files.createTempDirectory("portal-downloads-");
            var logs = Files.createDirectories(targetDirectory.resolve("browser-logs"));
            System.setProperty(ChromeDriverService.CHROME_DRIVER_EXE_PROPERTY, CHROMEDRIVER.toString());
            var service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(CHROMEDRIVER.toFile())
                    .usingAnyFreePort()
                    .withLogFile(logs.resolve("chromedriver-" + Instant.now().toEpochMilli() + ".log")
                            .toFile())
                    .build();
            var options = new ChromeOptions();
            options.setBinary(CHROMIUM.toFile());
            options.addArguments(
                    "--headless=new",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--no-first-run",
                    "--disable-background-networking",
                    "--disable-component-update",
                    "--disable-sync",
                    "--disable-dev-shm-usage",
                    "--window-size=" + DESKTOP.width + "," + DESKTOP.height);
            options.setExperimentalOption(
                    "prefs",
                    Map.of(
                            "download.default_directory",
                                    downloads.toAbsolutePath().toString(),
                            "download.prompt_for_download", false,
                            "download.directory_upgrade", true,
                            "safebrowsing.enabled", false));
            var driver = new ChromeDriver(service, options);
            driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
            driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(30));
            // headless: allow downloads into our folder whatever the profile says
            driver.executeCdpCommand(
                    "Browser.setDownloadBehavior",
                    Map.of(
                            "behavior",
                            "allow",
                            "downloadPath",
                            downloads.toAbsolutePath().toString()));
            return new Browser(
                    driver, downloads, baseUrl, Files.createDirectories(targetDirectory.resolve("screenshots")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String url(String path) {
        return path.startsWith("http") ? path : baseUrl + path;
    }

    /** Opens a page of the portal by its path (or an absolute address). */
    Browser go(String path) {
        driver.get(url(path));
        return this;
    }

    /** The current path (with query), when the browser is on the portal; the full address otherwise. */
    String path() {
        var current = driver.getCurrentUrl();
        return current.startsWith(baseUrl) ? current.substring(baseUrl.length()) : current;
    }

    boolean onPortal() {
        return driver.getCurrentUrl().startsWith(baseUrl);
    }

    WebElement find(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    List<WebElement> findAll(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    boolean present(String css) {
        return !findAll(css).isEmpty();
    }

    /** Waits (ignoring pages that reload themselves meanwhile) until the condition holds; fails naming the page. */
    <T> T await(String what, Function<WebDriver, T> condition) {
        return await(what, WAIT, condition);
    }

    <T> T await(String what, Duration timeout, Function<WebDriver, T> condition) {
        return new FluentWait<WebDriver>(driver)
                .withTimeout(timeout)
                .pollingEvery(Duration.ofMillis(200))
                .ignoring(NoSuchElementException.class)
                .ignoring(StaleElementReferenceException.class)
                .withMessage(() -> what + " (on " + driver.getCurrentUrl() + ")")
                .until(condition);
    }

    WebElement awaitElement(String css) {
        return await("element " + css, d -> d.findElement(By.cssSelector(css)));
    }

    /**
     * Reloads the page until the element's attribute has one of the values (pages that follow a running request
     * may refresh themselves too); returns the value seen.
     */
    String reloadUntilAttribute(String css, String attribute, Duration timeout, Set<String> values) {
        var start = Instant.now();
        var deadline = start.plus(timeout);
        String last = null;
        var seen = false;
        while (Instant.now().isBefore(deadline)) {
            try {
                last = driver.findElement(By.cssSelector(css)).getDomAttribute(attribute);
                seen = true;
                if (values.contains(last)) {
                    return last;
                }
            } catch (NoSuchElementException | StaleElementReferenceException reloading) {
                // the page is being replaced: look again
            }
            if (!seen && Instant.now().isAfter(start.plus(WAIT))) {
                throw new AssertionError("no " + css + " after " + WAIT + ": " + describePage());
            }
            ServiceProcess.sleepQuietly(Duration.ofMillis(400));
            driver.navigate().refresh();
        }
        throw new AssertionError(css + "[" + attribute + "] still " + last + " after " + timeout + ", expected one of "
                + values + " (on " + driver.getCurrentUrl() + ")");
    }

    String htmlLang() {
        return find("html").getDomAttribute("lang");
    }

    String bodyText() {
        return find("body").getText();
    }

    Object script(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    Object asyncScript(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeAsyncScript(script, args);
    }

    /** The cookies the browser holds for the current page, as a Cookie header. */
    String cookieHeader() {
        return driver.manage().getCookies().stream()
                .map(cookie -> cookie.getName() + "=" + cookie.getValue())
                .collect(Collectors.joining("; "));
    }

    /** A call as this browser would make it (its cookies), outside the page: to read status codes and bodies. */
    HttpResponse<byte[]> fetch(String method, String path, Map<String, String> headers, String formBody) {
        var builder = HttpRequest.newBuilder(URI.create(url(path))).timeout(Duration.ofSeconds(30));
        var cookies = cookieHeader();
        if (!cookies.isEmpty()) {
            builder.header("Cookie", cookies);
        }
        if (formBody != null) {
            builder.header("Content-Type", "application/x-www-form-urlencoded");
        }
        headers.forEach(builder::header);
        builder.method(
                method,
                formBody == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(formBody));
        try {
            return HTTP.send(builder.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The one file the browser downloaded into its folder (waits until it is complete). */
    Path awaitDownload(Duration timeout) {
        return await("a finished download in " + downloads, timeout, d -> {
            try (Stream<Path> files = Files.list(downloads)) {
                var all = files.toList();
                var done = all.stream()
                        .filter(file -> !file.getFileName().toString().endsWith(".crdownload")
                                && !file.getFileName().toString().startsWith("."))
                        .toList();
                return done.size() == 1 && all.size() == 1 ? done.get(0) : null;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /** Emulates a phone of {@value #PHONE_WIDTH} CSS pixels (touch, mobile viewport), and reloads the page. */
    void phone() {
        driver.executeCdpCommand(
                "Emulation.setDeviceMetricsOverride",
                Map.of("width", PHONE_WIDTH, "height", PHONE_HEIGHT, "deviceScaleFactor", 2, "mobile", true));
        driver.executeCdpCommand("Emulation.setTouchEmulationEnabled", Map.of("enabled", true));
        driver.navigate().refresh();
    }

    void desktop() {
        driver.executeCdpCommand("Emulation.clearDeviceMetricsOverride", Map.of());
        driver.executeCdpCommand("Emulation.setTouchEmulationEnabled", Map.of("enabled", false));
        driver.navigate().refresh();
    }

    /** How much wider than the viewport the page is (0 when nothing scrolls sideways). */
    long horizontalOverflow() {
        return ((Number) script("return Math.max(0, document.documentElement.scrollWidth - window.innerWidth);"))
                .longValue();
    }

    /** Sends these headers with every request from now on (e.g. Sec-GPC: 1, which Chromium has no setting for). */
    void extraHeaders(Map<String, String> headers) {
        driver.executeCdpCommand("Network.enable", Map.of());
        driver.executeCdpCommand("Network.setExtraHTTPHeaders", Map.of("headers", headers));
    }

    /** A PNG of the whole page (not only the viewport) in target/screenshots. */
    Path screenshot(String name) {
        @SuppressWarnings("unchecked")
        var content = (Map<String, Object>)
                driver.executeCdpCommand("Page.getLayoutMetrics", Map.of()).get("cssContentSize");
        var width = Math.ceil(((Number) content.get("width")).doubleValue());
        var height = Math.min(Math.ceil(((Number) content.get("height")).doubleValue()), 12000);
        var clip = Map.<String, Object>of("x", 0, "y", 0, "width", width, "height", height, "scale", 1);
        var shot = driver.executeCdpCommand(
                "Page.captureScreenshot", Map.of("format", "png", "captureBeyondViewport", true, "clip", clip));
        var file = screenshots.resolve(name.replaceAll("[^A-Za-z0-9._-]", "_") + ".png");
        try {
            Files.write(file, Base64.getDecoder().decode((String) shot.get("data")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** axe-core on the current page: its serious and critical violations, one readable line each (empty: none). */
    List<String> seriousAccessibilityViolations() {
        var results = new AxeBuilder().analyze(driver);
        if (results.isErrored()) {
            throw new IllegalStateException(
                    "axe failed on " + driver.getCurrentUrl() + ": " + results.getErrorMessage());
        }
        var found = new ArrayList<String>();
        for (Rule rule : results.getViolations()) {
            if (!"serious".equals(rule.getImpact()) && !"critical".equals(rule.getImpact())) {
                continue;
            }
            var nodes = rule.getNodes().stream().limit(5).map(Browser::describe).collect(Collectors.joining("; "));
            found.add(rule.getId() + " [" + rule.getImpact() + "] " + rule.getHelp() + " — "
                    + rule.getNodes().size() + " element(s): " + nodes);
        }
        return found;
    }

    private static String describe(CheckedNode node) {
        var html = node.getHtml() == null ? "" : node.getHtml().replaceAll("\\s+", " ");
        return node.getTarget() + " " + (html.length() > 160 ? html.substring(0, 160) + "…" : html);
    }

    /** Counts of elements by selector, for failure messages that tell what a page did show. */
    Map<String, Integer> census(String... selectors) {
        var counts = new HashMap<String, Integer>();
        for (var selector : selectors) {
            counts.put(selector, findAll(selector).size());
        }
        return counts;
    }

    /** A short excerpt of what the page shows, for failure messages. */
    String describePage() {
        var text = "";
        try {
            text = bodyText().replaceAll("\\s+", " ");
        } catch (RuntimeException e) {
            text = "(no body)";
        }
        return driver.getCurrentUrl() + " title=\"" + driver.getTitle() + "\" text=\""
                + (text.length() > 400 ? text.substring(0, 400) + "…" : text) + "\"";
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(downloads)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            } catch (IOException ignored) {
                // a temp folder
            }
        }
    }
}
