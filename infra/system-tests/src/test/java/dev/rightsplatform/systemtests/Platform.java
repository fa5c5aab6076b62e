package dev.rightsplatform.systemtests;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.rightsplatform.testsupport.S3MockProcess;
import dev.rightsplatform.testsupport.TestKeystores;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole platform for the system tests: the services (rights-service, deletion-worker, notification-service, the
 * portal and the gateway in front of it all) as processes from their jars, five fake downstream systems, an SMTP
 * server, and the shared PostgreSQL, RabbitMQ, Redis and Keycloak. Started once per test run; or, for
 * {@link Options#REPLICAS}, with two replicas of each service but the portal, on an S3-compatible store they share.
 */
final class Platform implements AutoCloseable {

    static final List<String> HTTP_SYSTEMS = List.of("crm", "orders", "billing", "analytics", "support");
    /** Which systems take part in access and export (they get COLLECT tasks) besides deregistration. */
    static final List<String> DATA_SYSTEMS = List.of("crm", "orders", "billing");
    /** The consent purposes each system processes data for (it gets WITHDRAW tasks when one is withdrawn). */
    static final Map<String, List<String>> PURPOSES = Map.of(
            "crm", List.of("marketing", "personalised-ads"),
            "orders", List.of("analytics"),
            "billing", List.of(),
            "analytics", List.of("analytics", "sale-sharing", "personalised-ads"),
            "support", List.of("marketing"));
    /** Download links live this long here (10 minutes by default), so a test sees one expire. */
    static final Duration LINK_TTL = Duration.ofSeconds(4);
    /** Short, so tests see a cooling-off begin and end; the scanner that ends it runs every second. */
    static final Duration COOLING_OFF = Duration.ofSeconds(5);
    /**
     * The worker's retry settings, short so that a system that never succeeds is given up on within seconds: delays of
     * 1 s, 2 s, 4 s (each shortened at random by up to 20 %), then FAILED after the 4th attempt.
     */
    static final Duration RETRY_INITIAL_DELAY = Duration.ofSeconds(1);

    static final int RETRY_MULTIPLIER = 2;
    static final int RETRY_MAX_ATTEMPTS = 4;
    static final double RETRY_JITTER = 0.2;

    private static final Logger log = LoggerFactory.getLogger(Platform.class);
    /** A limit, not a measure: on a shared two-core machine under heavy load one start has taken over two minutes. */
    private static final Duration STARTUP = Duration.ofSeconds(240);
    /** The privacy team's address, where notification-service mails agents' alerts (in English). */
    static final String AGENTS_ADDRESS = "privacy-team@rights.test";

    /**
     * How the platform is set up: the system tests' settings, or a benchmark's (no cooling-off, more calls at once,
     * the JVMs' usual JIT).
     *
     * @param coolingOff      rights-service's cooling-off before erasure
     * @param keycloakSystem  whether the Keycloak account is one of the systems (disabled first, deleted last)
     * @param concurrency     calls at once per fake system
     * @param jvmOptions      options for every service's JVM
     * @param testTimings     rights-service's schedulers (deadline scanner, export builder, OpenDSR callbacks) and
     *                        download links run on short test intervals, so tests see their effects within seconds;
     *                        otherwise on their defaults, as in production
     * @param httpSystems     how many fake http systems: the five of {@link #HTTP_SYSTEMS}, then system-6, system-7 …
     * @param realm           the Keycloak realm whose tokens the gateway and rights-service accept
     * @param tracing         every trace kept and exported to {@link #traces}
     * @param oneAtATime      each service started once the one before it is ready (slower, but each start-up time is
     *                        its own, not shared with four other JVMs starting on the same cores)
     * @param replicated      two processes each of rights-service, deletion-worker, notification-service and the
     *                        gateway (each its own port, log and instance id), the second gateway in front of the
     *                        second rights-service; rights-service's store in one S3Mock bucket both replicas share
     */
    record Options(
            Duration coolingOff,
            boolean keycloakSystem,
            int concurrency,
            List<String> jvmOptions,
            boolean testTimings,
            int httpSystems,
            String realm,
            boolean tracing,
            boolean oneAtATime,
            boolean replicated) {

        /**
         * Each service's own JVM options ({@link JvmOptions}, as in production) with C1 only: the services start fast
         * and leave the two cores to the tests. Every trace is kept and exported to {@link #traces} within a second.
         */
        static final Options SYSTEM_TESTS = new Options(
                COOLING_OFF,
                true,
                4,
                List.of("-XX:TieredStopAtLevel=1"),
                true,
                HTTP_SYSTEMS.size(),
                KeycloakAccounts.REALM,
                true,
                false,
                false);

        /**
         * As {@link #SYSTEM_TESTS}, with every service but the portal twice ({@code replicated}); without tracing, which
         * its test does not look at, to spare the two cores nine JVMs' exporters.
         */
        static final Options REPLICAS = new Options(
                COOLING_OFF,
                true,
                4,
                List.of("-XX:TieredStopAtLevel=1"),
                true,
                HTTP_SYSTEMS.size(),
                KeycloakAccounts.REALM,
                false,
                false,
                true);

        /** Without tracing: the benchmarks measure the services as they run by default (no exporter). */
        Options(
                Duration coolingOff,
                boolean keycloakSystem,
                int concurrency,
                List<String> jvmOptions,
                boolean testTimings,
                int httpSystems,
                String realm) {
            this(
                    coolingOff,
                    keycloakSystem,
                    concurrency,
                    jvmOptions,
                    testTimings,
                    httpSystems,
                    realm,
                    false,
                    false,
                    false);
        }

        /** The same, each service started once the one before it is ready. */
        Options startedOneAtATime() {
            return new Options(
                    coolingOff,
                    keycloakSystem,
                    concurrency,
                    jvmOptions,
                    testTimings,
                    httpSystems,
                    realm,
                    tracing,
                    true,
                    replicated);
        }
    }

    /** How soon a service exports a finished span (the batch span processor's delay; 5 s by default). */
    static final Duration TRACE_EXPORT_DELAY = Duration.ofMillis(500);

    private final Options options;

    /** How this platform was set up (a test that needs another setup restarts it: {@link PlatformExtension}). */
    Options options() {
        return options;
    }

    final DevSettings settings;
    final Map<String, FakeDownstreamSystem> systems = new LinkedHashMap<>();
    final FakeDownstreamSystem crm;
    final FakeDownstreamSystem orders;
    final GreenMail mail;
    final KeycloakAccounts keycloak;
    /**
     * The OTLP/HTTP receiver every service exports its spans to, each trace sampled (null when the options say no
     * tracing).
     */
    final TraceReceiver traces;

    final Map<String, String> env = new HashMap<>();
    private final List<ServiceProcess> services = new ArrayList<>();
    private final Map<String, Path> jars = new HashMap<>();
    private final Map<String, java.util.Optional<Path>> classDataSharing = new HashMap<>();
    private final Path logs;
    /** Chosen first: rights-service names the gateway's address in OpenDSR answers (results_url, certificate). */
    private final int gatewayPort = freePort();

    private ServiceProcess gateway;
    /** The self-service portal behind the gateway. */
    ServiceProcess portal;

    private boolean portalClientAllowed;
    ServiceProcess rights;
    ServiceProcess worker;
    /** notification-service: mails the person, and agents' alerts to {@link #AGENTS_ADDRESS}. */
    ServiceProcess notification;
    /** The second replicas, when the options ask for them (else null); the second gateway routes to the second rights. */
    ServiceProcess rights2;

    ServiceProcess worker2;
    ServiceProcess notification2;
    ServiceProcess gateway2;
    /** rights-service's store when replicated: one bucket, {@link #BUCKET}, every replica reads and writes. */
    private S3MockProcess objectStore;

    static final String BUCKET = "rights-replicas";

    private Platform(DevSettings settings, Options options) {
        this.settings = settings;
        this.options = options;
        env.putAll(settings.secrets);
        for (var name : systemNames(options.httpSystems())) {
            var secret = settings.secrets.getOrDefault(
                    secretEnv(name), UUID.randomUUID().toString());
            env.put(secretEnv(name), secret);
            systems.put(name, new FakeDownstreamSystem(name, secret));
        }
        this.crm = systems.get("crm");
        this.orders = systems.get("orders");
        this.mail = new GreenMail(new ServerSetup(freePort(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
        this.keycloak = new KeycloakAccounts(settings);
        this.traces = options.tracing() ? TraceReceiver.start() : null;
        this.logs = settings.root.resolve("infra/system-tests/target/service-logs");
    }

    /** The first {@code count} system names: those of {@link #HTTP_SYSTEMS}, then system-6, system-7 … */
    private static List<String> systemNames(int count) {
        var names = new ArrayList<String>();
        for (int i = 0; i < count; i++) {
            names.add(i < HTTP_SYSTEMS.size() ? HTTP_SYSTEMS.get(i) : "system-" + (i + 1));
        }
        return names;
    }

    static Platform start() {
        return start(Options.SYSTEM_TESTS);
    }

    static Platform start(Options options) {
        var settings = DevSettings.load();
        Infrastructure.ensureKeycloak(settings);
        Infrastructure.freshDatabases(List.of("rights", "worker", "notification"));
        Infrastructure.freshVhost();
        var platform = new Platform(settings, options);
        try {
            platform.emptyStore();
            if (options.replicated()) {
                platform.startObjectStore();
            }
            platform.mail.start();
            platform.writeRegistry();
            platform.startServices();
            return platform;
        } catch (RuntimeException e) {
            platform.close();
            throw e;
        }
    }

    /** A fresh store for a fresh database: objects of an earlier run would name requests that no longer exist. */
    private void emptyStore() {
        var store = storeDirectory();
        if (!Files.exists(store)) {
            return;
        }
        try (var paths = Files.walk(store)) {
            for (var path : paths.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * S3Mock with the replicas' bucket; rights-service finds its credentials where the AWS SDK's default chain looks
     * (the environment), as in production.
     */
    private void startObjectStore() {
        var jar = Path.of(System.getProperty("s3mock.jar", "infra/system-tests/target/s3mock/s3mock.jar"));
        objectStore = S3MockProcess.start(jar.isAbsolute() ? jar : settings.root.resolve(jar), List.of(BUCKET));
        env.put("AWS_ACCESS_KEY_ID", "s3mock-access-key");
        env.put("AWS_SECRET_ACCESS_KEY", "s3mock-secret-key");
        env.put("AWS_REGION", "us-east-1");
    }

    /** Where rights-service keeps collected data and archives, encrypted: tests look inside for plaintext. */
    Path storeDirectory() {
        return logs.resolve("store").toAbsolutePath();
    }

    /** Every service process started so far (for the CPU each spent). */
    List<ServiceProcess> services() {
        return List.copyOf(services);
    }

    String gatewayUrl() {
        return gateway.baseUrl();
    }

    /** The first gateway, in front of the first rights-service. */
    ServiceProcess gateway() {
        return gateway;
    }

    /** The gateway's address before it runs (the portal's redirect addresses and the mails' links name it). */
    private String gatewayOrigin() {
        return "http://127.0.0.1:" + gatewayPort;
    }

    /** The shared registry file, naming the fake systems' addresses; secrets stay placeholders, as in production. */
    private void writeRegistry() {
        var yaml = new StringBuilder("platform:\n  systems:\n");
        for (var entry : systems.entrySet()) {
            var name = entry.getKey();
            var types = DATA_SYSTEMS.contains(name) ? "[ACCESS, EXPORT, DEREGISTER]" : "[DEREGISTER]";
            yaml.append("    ")
                    .append(name)
                    .append(":\n")
                    .append("      type: http\n      request-types: ")
                    .append(types)
                    .append("\n      phase: 1\n      sla: 2d\n")
                    .append("      purposes: ")
                    .append(PURPOSES.getOrDefault(name, List.of()))
                    .append('\n')
                    .append("      concurrency: ")
                    .append(options.concurrency())
                    .append("\n      timeout: 10s\n")
                    .append("      url: ")
                    .append(entry.getValue().eraseUrl())
                    .append('\n')
                    .append("      collect-url: ")
                    .append(entry.getValue().baseUrl())
                    .append("/collect\n")
                    .append("      withdraw-url: ")
                    .append(entry.getValue().baseUrl())
                    .append("/withdraw\n")
                    .append("      secret: ${")
                    .append(secretEnv(name))
                    .append("}\n");
        }
        if (options.keycloakSystem()) {
            yaml.append("    keycloak:\n      type: keycloak\n      request-types: [DEREGISTER]\n      phase: 9\n")
                    .append("      sla: 1d\n      concurrency: 2\n");
        }
        try {
            Files.createDirectories(logs);
            var file = logs.resolve("systems.yml");
            Files.writeString(file, yaml);
            env.put("SYSTEM_REGISTRY_FILE", file.toAbsolutePath().toString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void startServices() {
        var timings = options.testTimings()
                ? List.of(
                        "--rights.deadline-scanner.interval=1s",
                        "--rights.delivery.link-ttl=" + LINK_TTL.toSeconds() + "s",
                        "--rights.delivery.build-interval=500ms",
                        "--rights.opendsr.callbacks.initial-delay=200ms",
                        "--rights.opendsr.callbacks.interval=200ms")
                : List.<String>of();
        var issuer = List.of("--spring.security.oauth2.resourceserver.jwt.issuer-uri=" + settings.keycloakUrl
                + "/realms/" + options.realm());
        // agents look up people and agents through client rights-service (a Keycloak imported before it was added to
        // the realm file lacks it); its secret reaches rights-service with the other development secrets
        keycloak.ensureDirectoryClient(settings.secret("RIGHTS_DIRECTORY_CLIENT_SECRET"));
        var rightsArgs = concat(
                concat(concat(database("rights"), timings), issuer),
                concat(
                        store(),
                        List.of(
                                "--rights.directory.server-url=" + settings.keycloakUrl,
                                "--rights.deregistration.cooling-off="
                                        + options.coolingOff().toSeconds() + "s",
                                "--rights.opendsr.keystore.path="
                                        + TestKeystores.processor().path(),
                                "--rights.opendsr.keystore.password="
                                        + TestKeystores.processor().password(),
                                "--rights.opendsr.public-base-url=http://127.0.0.1:" + gatewayPort,
                                // partner callbacks may reach the tests' plain-http servers on loopback (the dev
                                // profile allows it)
                                "--rights.opendsr.callbacks.allow-private-addresses=true",
                                "--rights.opendsr.callbacks.allow-http=true")));
        rights = launch("rights-service", "rights-service", rightsArgs);
        worker = launchWorker("deletion-worker", rights);
        var notificationArgs = concat(
                database("notification"),
                List.of(
                        "--spring.mail.host=127.0.0.1",
                        "--spring.mail.port=" + mail.getSmtp().getPort(),
                        // links in mails (the signed receipt of a deregistration) lead to the portal, through
                        // the gateway
                        "--notification.portal-base-url=" + gatewayOrigin(),
                        // agents' alerts go to the privacy team's mailbox
                        "--notification.agents.address=" + AGENTS_ADDRESS));
        notification = launch("notification-service", "notification-service", notificationArgs);
        // Keycloak's portal client allows only the local platform's gateway (port 8080): ours too, for this run
        keycloak.allowPortalOn(gatewayOrigin(), env.get("PORTAL_CLIENT_SECRET"));
        portalClientAllowed = true;
        portal = launch(
                "portal",
                "portal",
                List.of(
                        "--portal.api-url=" + rights.baseUrl(),
                        "--spring.security.oauth2.client.provider.keycloak.issuer-uri=" + settings.keycloakUrl
                                + "/realms/" + options.realm(),
                        "--spring.data.redis.host=127.0.0.1",
                        "--spring.data.redis.port=6379"));
        // nine JVMs just started on two cores answer their first calls in more than the gateway's 10 s
        var gatewaySettings = options.replicated()
                ? concat(issuer, List.of("--spring.cloud.gateway.server.webflux.httpclient.response-timeout=60s"))
                : issuer;
        gateway = launch("gateway", "gateway", gatewayPort, gatewayArgs(gatewaySettings, rights));
        var all = new ArrayList<>(List.of(rights, worker, notification, portal, gateway));
        if (options.replicated()) {
            rights2 = launch("rights-service-2", "rights-service", rightsArgs);
            worker2 = launchWorker("deletion-worker-2", rights2);
            notification2 = launch("notification-service-2", "notification-service", notificationArgs);
            gateway2 = launch("gateway-2", "gateway", freePort(), gatewayArgs(gatewaySettings, rights2));
            all.addAll(List.of(rights2, worker2, notification2, gateway2));
        }
        // nine JVMs starting at once on two cores take longer than five
        var startUp = options.replicated() ? STARTUP.multipliedBy(3) : STARTUP;
        for (var service : all) {
            service.awaitReady(startUp);
            log.info("{} ready on port {}", service.name, service.port);
        }
    }

    /** Where rights-service keeps its objects: the shared bucket when replicated, else a folder of this run's. */
    private List<String> store() {
        if (objectStore == null) {
            return List.of("--rights.storage.directory=" + storeDirectory());
        }
        return List.of(
                "--rights.storage.type=s3",
                "--rights.storage.s3.bucket=" + BUCKET,
                "--rights.storage.s3.endpoint=" + objectStore.endpoint(),
                "--rights.storage.s3.region=us-east-1",
                "--rights.storage.s3.path-style-access=true");
    }

    /** A gateway in front of {@code rights} (and the one portal). */
    private List<String> gatewayArgs(List<String> common, ServiceProcess rights) {
        var portalRoute = List.of("--gateway.routes.portal=" + portal.baseUrl());
        // The system tests check behaviour, not the rate limits (the gateway's own tests do): buckets big enough that
        // no test, the bad-input suite's thousands of calls included, is answered 429.
        return concat(
                concat(common, portalRoute),
                List.of(
                        "--gateway.routes.rights-service=" + rights.baseUrl(),
                        "--gateway.rate-limits.person.replenish-rate=1000",
                        "--gateway.rate-limits.person.burst-capacity=2000",
                        "--gateway.rate-limits.partner.replenish-rate=1000",
                        "--gateway.rate-limits.partner.burst-capacity=2000",
                        "--gateway.rate-limits.anonymous.replenish-rate=1000",
                        "--gateway.rate-limits.anonymous.replenish-period=1s",
                        "--gateway.rate-limits.anonymous.burst-capacity=2000"));
    }

    /** A further deletion-worker instance on the same broker and database, as a second replica. */
    ServiceProcess startSecondWorker() {
        var second = launchWorker("deletion-worker-2", rights);
        second.awaitReady(STARTUP);
        return second;
    }

    private ServiceProcess launchWorker(String name, ServiceProcess rights) {
        return launch(
                name,
                "deletion-worker",
                concat(
                        database("worker"),
                        List.of(
                                "--worker.keycloak.server-url=" + settings.keycloakUrl,
                                "--worker.collections.upload-url=" + rights.baseUrl() + "/internal/v1/collections",
                                "--worker.retry.initial-delay=" + RETRY_INITIAL_DELAY.toMillis() + "ms",
                                "--worker.retry.multiplier=" + RETRY_MULTIPLIER,
                                "--worker.retry.max-attempts=" + RETRY_MAX_ATTEMPTS,
                                "--worker.retry.jitter=" + RETRY_JITTER)));
    }

    private ServiceProcess launch(String name, String module, List<String> args) {
        return launch(name, module, freePort(), args);
    }

    private ServiceProcess launch(String name, String module, int port, List<String> args) {
        var service = start(name, module, port, args);
        if (options.oneAtATime()) {
            service.awaitReady(STARTUP);
        }
        return service;
    }

    private ServiceProcess start(String name, String module, int port, List<String> args) {
        // dev: every service is given the committed development secrets, which it refuses under any other profile
        var all = concat(
                args,
                List.of("--spring.rabbitmq.virtual-host=" + Infrastructure.VHOST, "--spring.profiles.active=dev"));
        if (options.replicated()) {
            // each replica names itself in its spans (OpenTelemetry's service.instance.id) and log lines (ECS
            // service.node.name), as a pod would
            all = concat(
                    all,
                    List.of(
                            "--management.opentelemetry.resource-attributes.service.instance.id=" + name,
                            "--logging.structured.ecs.service.node-name=" + name));
        }
        if (traces != null) {
            all = concat(
                    all,
                    List.of(
                            "--management.opentelemetry.tracing.export.otlp.endpoint=" + traces.endpoint(),
                            "--management.tracing.sampling.probability=1.0",
                            "--management.opentelemetry.tracing.export.schedule-delay=" + TRACE_EXPORT_DELAY.toMillis()
                                    + "ms"));
        }
        var jvm = JvmOptions.of(settings.root, module);
        var cds = classDataSharing.computeIfAbsent(
                module, key -> JvmOptions.classDataSharing(settings.root, key, settings.jarOf(key)));
        // an archive fits only the files it was made from: its own extracted copy, which nothing rebuilds
        var jar = cds.map(dir -> dir.resolve("app.jar")).orElseGet(() -> privateJar(module));
        if (cds.isPresent()) {
            jvm = concat(jvm, List.of("-XX:SharedArchiveFile=" + cds.get().resolve("app.jsa")));
        }
        var service = ServiceProcess.start(name, jar, port, env, concat(jvm, options.jvmOptions()), all, logs);
        services.add(service);
        return service;
    }

    /**
     * A copy of the module's jar for this run: a service reads classes from its jar for as long as it runs, and a
     * rebuild of the module meanwhile (another build in the same tree) would pull it from under the running JVM.
     */
    private Path privateJar(String module) {
        return jars.computeIfAbsent(module, key -> {
            try {
                var copy = logs.resolve("jars").resolve(key + ".jar");
                Files.createDirectories(copy.getParent());
                Files.copy(settings.jarOf(key), copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                return copy;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    private static String secretEnv(String system) {
        return "WORKER_SYSTEMS_" + system.toUpperCase(Locale.ROOT) + "_SECRET";
    }

    private static List<String> database(String name) {
        return List.of(
                "--spring.r2dbc.url=r2dbc:postgresql://127.0.0.1:5432/" + name + "_systest",
                "--spring.flyway.url=jdbc:postgresql://127.0.0.1:5432/" + name + "_systest");
    }

    private static List<String> concat(List<String> first, List<String> second) {
        var all = new ArrayList<>(first);
        all.addAll(second);
        return all;
    }

    static int freePort() {
        try (var socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        services.forEach(ServiceProcess::close);
        if (objectStore != null) {
            objectStore.close();
        }
        mail.stop();
        if (traces != null) {
            traces.close();
        }
        systems.values().forEach(FakeDownstreamSystem::close);
        try {
            if (portalClientAllowed) {
                keycloak.disallowPortalOn(gatewayOrigin());
            }
        } catch (RuntimeException e) {
            log.warn("could not remove {} from Keycloak's portal client: {}", gatewayOrigin(), e.toString());
        } finally {
            keycloak.close();
        }
    }
}
