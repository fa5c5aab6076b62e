package dev.rightsplatform.rights.delivery.store;

import dev.rightsplatform.rights.delivery.archive.HeapWatch;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A large object through {@link S3EncryptedStore}, run by {@link S3EncryptedStoreIntegrationTests} in a JVM with a
 * small heap: generated content written through a {@link StoreWriter} (default 8 MB parts), committed, then read back
 * and compared by SHA-256. Besides the heap's peaks ({@link HeapWatch}) it measures what is live after a full
 * collection before the write (the baseline: JVM, SDK, Tink), 60% into the write and 60% into the read. Logs its figures (one line starting {@code figures:}) and exits 0 only when every check
 * holds (2 when one fails).
 *
 * <p>Arguments: the server's endpoint, the bucket, the object's size in bytes. Credentials: the SDK's default chain
 * (the parent passes {@code -Daws.accessKeyId} and {@code -Daws.secretAccessKey}).
 */
public final class S3LargeObjectRun {

    static final String KEY = "archives/large-object.zip";
    private static final Logger log = LoggerFactory.getLogger(S3LargeObjectRun.class);

    private S3LargeObjectRun() {}

    public static void main(String[] args) throws Exception {
        String endpoint = args[0];
        String bucket = args[1];
        long size = Long.parseLong(args[2]);
        byte[] masterKey = new byte[32];
        new SecureRandom().nextBytes(masterKey);
        var properties = new StorageProperties(
                null,
                Base64.getEncoder().encodeToString(masterKey),
                StorageProperties.Type.S3,
                new StorageProperties.S3(bucket, endpoint, "us-east-1", true, null, null));
        long parts = (long) Math.ceil(
                1.0 * ciphertextSize(size) / properties.s3().partSize().toBytes());

        var heap = new HeapWatch();
        try (var store = S3EncryptedStore.connect(properties)) {
            store.exists(KEY); // the client warmed up: its classes and pools belong to the baseline
            long baseline = liveHeap();
            long midWrite = 0;
            long midRead = 0;
            long started = System.nanoTime();
            MessageDigest written = MessageDigest.getInstance("SHA-256");
            var random = new SplittableRandom(42);
            byte[] chunk = new byte[64 * 1024];
            try (StoreWriter out = store.create(KEY)) {
                for (long left = size; left > 0; left -= chunk.length) {
                    int n = (int) Math.min(chunk.length, left);
                    for (int i = 0; i < n; i += 8) {
                        long value = random.nextLong();
                        for (int j = 0; j < 8 && i + j < n; j++) {
                            chunk[i + j] = (byte) (value >>> (8 * j));
                        }
                    }
                    out.write(chunk, 0, n);
                    written.update(chunk, 0, n);
                    if (midWrite == 0 && size - left + n >= size * 3 / 5) {
                        midWrite = liveHeap();
                    }
                }
                out.commit();
            }
            long stored = System.nanoTime();

            MessageDigest read = MessageDigest.getInstance("SHA-256");
            long readBytes = 0;
            try (InputStream in = store.open(KEY)) {
                for (int n = in.read(chunk); n >= 0; n = in.read(chunk)) {
                    read.update(chunk, 0, n);
                    readBytes += n;
                    if (midRead == 0 && readBytes >= size * 3 / 5) {
                        midRead = liveHeap();
                    }
                }
            }
            long done = System.nanoTime();
            byte[] expected = written.digest();
            byte[] actual = read.digest();
            long plainSize = store.size(KEY);

            log.info(
                    "figures: plainBytes={} readBytes={} storedBytes={} parts={} writeMs={} readMs={} maxHeapMb={} "
                            + "peakHeapMb={} peakLiveMb={} baselineKb={} midWriteKb={} midReadKb={} sha256={}",
                    plainSize,
                    readBytes,
                    ciphertextSize(size),
                    parts,
                    (stored - started) / 1_000_000,
                    (done - stored) / 1_000_000,
                    Runtime.getRuntime().maxMemory() >> 20,
                    heap.peakUsed() >> 20,
                    heap.peakLive() >> 20,
                    baseline >> 10,
                    midWrite >> 10,
                    midRead >> 10,
                    HexFormat.of().formatHex(actual));
            if (!Arrays.equals(expected, actual) || readBytes != size || plainSize != size) {
                log.error("the object read back differs from the one written");
                System.exit(2);
            }
        }
    }

    /** What the heap holds after a full collection: the live objects. */
    private static long liveHeap() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** The stored size of {@code plain} bytes: the header, then Tink's header and 1 MB segments with their tags. */
    static long ciphertextSize(long plain) {
        var parameters = DataKeys.PARAMETERS;
        int segment = parameters.getCiphertextSegmentSizeBytes();
        int tag = 16;
        int tinkHeader = 1 + parameters.getDerivedAesGcmKeySizeBytes() + 7;
        long firstPlain = segment - tinkHeader - tag;
        long otherPlain = segment - tag;
        long segments = plain <= firstPlain ? 1 : 1 + (plain - firstPlain + otherPlain - 1) / otherPlain;
        int wrappedKey = 12 + 32 + 16;
        return ObjectFormat.KEY_OFFSET + wrappedKey + tinkHeader + plain + segments * tag;
    }
}
