package dev.rightsplatform.rights.delivery.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.rightsplatform.rights.support.S3MockServer;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.unit.DataSize;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The S3 store against an S3-compatible server on this machine (S3Mock, {@link S3MockServer}): the store contract
 * ({@link EncryptedStoreContract}, with a key prefix in the bucket and 5 MB parts), then what only the bucket shows:
 * ciphertext on the server read with a plain SDK client, multipart uploads and their abort, two replicas on one
 * bucket, objects moved between the stores, a 50 MB object through a small heap, and the start-up checks.
 */
class S3EncryptedStoreIntegrationTests extends EncryptedStoreContract {

    private static final Logger log = LoggerFactory.getLogger(S3EncryptedStoreIntegrationTests.class);
    private static final String PREFIX = "store/";
    private static final int PART = 5 * 1024 * 1024;
    private static S3MockServer server;
    private static S3Client raw;
    private static String bucket;

    private final List<S3EncryptedStore> opened = new ArrayList<>();
    private String prefix = PREFIX;

    @TempDir
    Path dir;

    @BeforeAll
    static void server() {
        server = S3MockServer.get();
        raw = server.client();
    }

    @AfterAll
    static void closeClient() {
        raw.close();
    }

    @org.junit.jupiter.api.BeforeEach
    void freshBucket() {
        bucket = server.newBucket();
    }

    @AfterEach
    void closeStores() {
        opened.forEach(S3EncryptedStore::close);
    }

    @Override
    protected S3EncryptedStore store(String key) {
        var store = S3EncryptedStore.connect(properties(bucket, prefix, key));
        opened.add(store);
        return store;
    }

    @Override
    protected byte[] stored(String key) {
        return raw.getObjectAsBytes(request -> request.bucket(bucket).key(prefix + key))
                .asByteArray();
    }

    @Override
    protected void putStored(String key, byte[] bytes) {
        raw.putObject(request -> request.bucket(bucket).key(prefix + key), RequestBody.fromBytes(bytes));
    }

    @Override
    protected void assertNoUnfinishedWrites() {
        assertThat(raw.listMultipartUploads(request -> request.bucket(bucket)).uploads())
                .isEmpty();
    }

    @Test
    void theServerHoldsCiphertextOnlyUnderThePrefix() throws IOException {
        var store = store(masterKey);
        String record = "{\"categories\":{\"profile\":[{\"email\":\"wang.fang@example.cn\",\"name\":\"王芳\"}]}}";
        write(store, "parts/r/t.json", record.getBytes(StandardCharsets.UTF_8));

        var listed = raw.listObjectsV2(request -> request.bucket(bucket)).contents();
        assertThat(listed)
                .singleElement()
                .satisfies(object -> assertThat(object.key()).isEqualTo("store/parts/r/t.json"));
        var head = raw.headObject(request -> request.bucket(bucket).key("store/parts/r/t.json"));
        assertThat(head.metadata().toString()).doesNotContain("wang.fang", "categories");
        byte[] onServer = stored("parts/r/t.json");
        for (String plain : new String[] {"wang.fang@example.cn", "王芳", "categories", "profile"}) {
            assertThat(indexOf(onServer, plain.getBytes(StandardCharsets.UTF_8)))
                    .as(plain)
                    .isNegative();
        }
        assertThat(new String(readAll(store, "parts/r/t.json"), StandardCharsets.UTF_8))
                .isEqualTo(record);
    }

    @Test
    void aLargeObjectIsAMultipartUploadAndATamperedPartFailsTheRead() throws IOException {
        var store = store(masterKey);
        byte[] content = randomBytes(2 * PART + 1_234_567); // three parts: the first held back, the last short
        write(store, "archives/big.zip", content);

        assertThat(store.size("archives/big.zip")).isEqualTo(content.length);
        assertThat(readAll(store, "archives/big.zip")).isEqualTo(content);
        assertNoUnfinishedWrites();
        byte[] onServer = stored("archives/big.zip");
        assertThat(onServer.length).isGreaterThan(content.length);

        // a reader that stops early is closed at once, without reading the rest
        long started = System.nanoTime();
        try (InputStream in = store.open("archives/big.zip")) {
            assertThat(in.readNBytes(100)).isEqualTo(java.util.Arrays.copyOf(content, 100));
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));

        byte[] tampered = onServer.clone();
        tampered[PART + 1000] ^= 0x01; // in the second part
        putStored("archives/big.zip", tampered);
        assertThatThrownBy(() -> readAll(store, "archives/big.zip")).isInstanceOf(IOException.class);
    }

    /**
     * A large write closed without its commit aborts its multipart upload. (The object such a write would replace
     * stays on S3 and the servers we know; S3Mock 5.2.0 deletes it when an upload of the same key is aborted, so that
     * half is left to the contract's small writes, which never start an upload.)
     */
    @Test
    void aLargeWriteThatIsNotCommittedAbortsItsUpload() throws IOException {
        var store = store(masterKey);
        write(store, "archives/other.zip", "other".getBytes(StandardCharsets.UTF_8));

        try (StoreWriter out = store.create("archives/new.zip")) {
            out.write(randomBytes(3 * PART));
            assertThat(raw.listMultipartUploads(request -> request.bucket(bucket))
                            .uploads())
                    .hasSize(1);
            assertThat(store.exists("archives/new.zip")).isFalse();
        }

        assertNoUnfinishedWrites();
        assertThat(store.exists("archives/new.zip")).isFalse();
        assertThat(store.list("")).containsExactly("archives/other.zip");
    }

    @Test
    void twoReplicasOnOneBucketSeeEachOthersObjects() throws IOException {
        var one = store(masterKey);
        var two = store(masterKey);
        byte[] content = randomBytes(PART + 10);
        write(one, "parts/q/a.json", content);

        assertThat(two.exists("parts/q/a.json")).isTrue();
        assertThat(two.size("parts/q/a.json")).isEqualTo(content.length);
        assertThat(readAll(two, "parts/q/a.json")).isEqualTo(content);
        assertThat(two.list("parts/q/")).containsExactly("parts/q/a.json");

        write(two, "parts/q/a.json", "replaced".getBytes(StandardCharsets.UTF_8));
        assertThat(readAll(one, "parts/q/a.json")).asString().isEqualTo("replaced");
        write(two, "parts/q/b.json", "b".getBytes(StandardCharsets.UTF_8));
        assertThat(one.list("parts/q/")).containsExactly("parts/q/a.json", "parts/q/b.json");

        assertThat(one.delete("parts/q/a.json")).isTrue();
        assertThat(two.exists("parts/q/a.json")).isFalse();
        assertThat(two.delete("parts/q/a.json")).isFalse();
    }

    @Test
    void aStoreSeesOnlyTheFolderOfItsPrefix() throws IOException {
        var store = store(masterKey);
        write(store, "parts/p/x.json", "x".getBytes(StandardCharsets.UTF_8));
        prefix = "other/";
        var other = store(masterKey);
        prefix = "";
        var whole = store(masterKey);

        assertThat(other.list("")).isEmpty();
        assertThat(other.exists("parts/p/x.json")).isFalse();
        // without a prefix the object is there under its bucket name, but bound to its own name it does not open
        assertThat(whole.list("")).containsExactly("store/parts/p/x.json");
        assertThatThrownBy(() -> readAll(whole, "store/parts/p/x.json"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("cannot be decrypted");
    }

    @Test
    void anObjectHasTheSameBytesInEitherStore() throws IOException {
        var files = new FileSystemEncryptedStore(new StorageProperties(dir, masterKey));
        var s3 = store(masterKey);
        byte[] content = randomBytes(1_500_000);
        write(files, "archives/moved.zip", content);

        // a file copied into the bucket as it is opens there (and so a store can be moved with a plain copy)
        putStored("archives/moved.zip", Files.readAllBytes(dir.resolve("archives/moved.zip")));
        assertThat(readAll(s3, "archives/moved.zip")).isEqualTo(content);

        write(s3, "parts/m/back.json", content);
        Files.createDirectories(dir.resolve("parts/m"));
        Files.write(dir.resolve("parts/m/back.json"), stored("parts/m/back.json"));
        assertThat(readAll(files, "parts/m/back.json")).isEqualTo(content);
    }

    @Test
    void aMissingBucketOrUnreachableServerStopsTheStartNamingTheSetting() {
        assertThatThrownBy(() -> S3EncryptedStore.connect(properties("no-such-bucket-here", "", masterKey)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("rights.storage.s3.bucket no-such-bucket-here at " + server.endpoint())
                .hasMessageContaining("no such bucket");
        var unreachable = new StorageProperties(
                null,
                masterKey,
                StorageProperties.Type.S3,
                new StorageProperties.S3(bucket, "http://127.0.0.1:9", S3MockServer.REGION, true, null, null));
        assertThatThrownBy(() -> S3EncryptedStore.connect(unreachable))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("rights.storage.s3.bucket " + bucket)
                .hasMessageContaining("cannot be reached");
    }

    @Test
    void springStartsTheS3StoreWhenTheTypeSaysSo() {
        new ApplicationContextRunner()
                .withUserConfiguration(Settings.class, StorageConfiguration.class)
                .withPropertyValues(
                        "rights.storage.type=s3",
                        "rights.storage.master-key=" + masterKey,
                        "rights.storage.s3.bucket=" + bucket,
                        "rights.storage.s3.endpoint=" + server.endpoint(),
                        "rights.storage.s3.region=" + S3MockServer.REGION,
                        "rights.storage.s3.path-style-access=true",
                        "rights.storage.s3.prefix=svc",
                        "rights.storage.s3.part-size=6MB")
                .run(started -> {
                    assertThat(started)
                            .hasNotFailed()
                            .getBean(EncryptedStore.class)
                            .isInstanceOf(S3EncryptedStore.class);
                    var properties = started.getBean(StorageProperties.class);
                    assertThat(properties.s3().prefix()).isEqualTo("svc/");
                    assertThat(properties.s3().partSize()).isEqualTo(DataSize.ofMegabytes(6));
                    var store = started.getBean(EncryptedStore.class);
                    write(store, "parts/s/x.json", "x".getBytes(StandardCharsets.UTF_8));
                    assertThat(raw.headObject(request -> request.bucket(bucket).key("svc/parts/s/x.json"))
                                    .contentLength())
                            .isGreaterThan(1);
                });
    }

    /**
     * The memory bound: a 50 MB object written through the store and read back in a JVM whose heap is 48 MB, with
     * the default 8 MB parts. A store that held the object whole (or the ciphertext of it) would end that JVM with
     * an OutOfMemoryError; what is live in the middle of the write and of the read is measured against two parts.
     * The child logs its figures; this test relays and checks them.
     */
    @Test
    void a50MbObjectStreamsThroughA48MbHeap() throws Exception {
        long bytes = 50L * 1024 * 1024;
        int heapMb = 48;
        Path output = dir.resolve("child.log");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        var command = List.of(
                java,
                "-Xmx" + heapMb + "m",
                "-XX:+ExitOnOutOfMemoryError",
                "-Daws.accessKeyId=" + S3MockServer.ACCESS_KEY,
                "-Daws.secretAccessKey=" + S3MockServer.SECRET_KEY,
                "-cp",
                System.getProperty("java.class.path"),
                S3LargeObjectRun.class.getName(),
                server.endpoint().toString(),
                bucket,
                Long.toString(bytes));
        Process child = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile())
                .start();
        boolean finished = child.waitFor(240, TimeUnit.SECONDS);
        if (!finished) {
            child.destroyForcibly().waitFor();
        }
        List<String> lines = Files.readAllLines(output);
        lines.stream()
                .filter(line -> line.contains("figures:")
                        || line.contains("ERROR")
                        || line.contains("Memory")
                        || line.contains("Exception"))
                .forEach(line -> log.info("child: {}", line));

        assertThat(finished).as("the run finished within 240 s").isTrue();
        assertThat(lines).noneMatch(line -> line.contains("OutOfMemoryError"));
        assertThat(child.exitValue())
                .as("exit code (3: out of memory, 2: a check failed)")
                .isZero();
        Map<String, Long> figures = figures(lines);
        assertThat(figures.get("plainBytes")).isEqualTo(bytes);
        assertThat(figures.get("storedBytes")).isGreaterThan(bytes);
        assertThat(figures.get("parts")).isEqualTo(7); // 50 MB of ciphertext in 8 MB parts
        assertThat(figures.get("maxHeapMb")).isLessThanOrEqualTo(heapMb);
        // live after a full collection, beyond the baseline (JVM, SDK, Tink; about 15 MB): while writing, the two
        // 8 MB parts and Tink's 1 MB segments (measured: 20 MB); while reading, a segment or two (measured: 5 MB)
        long baseline = figures.get("baselineKb");
        assertThat(figures.get("midWriteKb") - baseline).isLessThanOrEqualTo(2 * 8 * 1024 + 8 * 1024);
        assertThat(figures.get("midReadKb") - baseline).isLessThanOrEqualTo(8 * 1024);
        assertThat(raw.headObject(request -> request.bucket(bucket).key(S3LargeObjectRun.KEY))
                        .contentLength())
                .isEqualTo(figures.get("storedBytes"));
    }

    private static Map<String, Long> figures(List<String> lines) {
        String line = lines.stream()
                .filter(l -> l.contains("figures:"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("the child logged no figures:\n" + String.join("\n", lines)));
        Map<String, Long> figures = new HashMap<>();
        Matcher matcher = Pattern.compile("(\\w+)=(\\d+)").matcher(line.substring(line.indexOf("figures:")));
        while (matcher.find()) {
            figures.put(matcher.group(1), Long.parseLong(matcher.group(2)));
        }
        return figures;
    }

    private static StorageProperties properties(String bucket, String prefix, String masterKey) {
        return new StorageProperties(
                null,
                masterKey,
                StorageProperties.Type.S3,
                new StorageProperties.S3(
                        bucket,
                        server.endpoint().toString(),
                        S3MockServer.REGION,
                        true,
                        prefix,
                        DataSize.ofBytes(PART)));
    }

    @Configuration(proxyBeanMethods = false)
    @EnableConfigurationProperties(StorageProperties.class)
    static class Settings {}
}
