package dev.rightsplatform.rights.delivery.store;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/**
 * The {@link EncryptedStore} in an S3 bucket (AWS, or any S3-compatible server through
 * {@code rights.storage.s3.endpoint}), shared by every replica of the service. Each object is the same bytes a file
 * of {@link FileSystemEncryptedStore} holds ({@link ObjectFormat}: the data key wrapped by the master key in a
 * header, then the content encrypted with Tink's streaming AEAD), encrypted here before it leaves the service: the
 * bucket, its server and its operator see ciphertext only, and neither a key nor an object can be moved to another
 * name.
 *
 * <p><b>Writes stream with bounded memory</b>: the ciphertext goes into buffers of {@code rights.storage.s3.part-size}
 * (8 MB). An object that fits into two of them is sent with one PUT on commit; a larger one becomes a multipart
 * upload whose parts leave as they fill, while the first part (which holds the header, and so the plain size known
 * only at the end) is kept back and uploaded last, on commit. A write holds at most two parts in memory, whatever
 * the object's size; nothing goes to local disk. Nothing is visible under the key before the PUT or the completion of
 * the upload; closing a writer without committing aborts its upload. Uploads left by a crashed replica are aborted
 * at start-up once a day old (and a bucket lifecycle rule {@code AbortIncompleteMultipartUpload} should do the same).
 *
 * <p><b>Deleting</b> removes the object; without bucket versioning nothing of it can be read back, with versioning
 * the older versions keep their wrapped data key (and stay decryptable with the master key) until they expire, so a
 * bucket of this store should not keep versions. {@code delete} and {@code exists} are not atomic across replicas:
 * two replicas deleting one object at once may both answer {@code true}.
 *
 * <p>Every method blocks on IO. The client is closed with the store.
 */
public class S3EncryptedStore implements EncryptedStore, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(S3EncryptedStore.class);
    /** Multipart uploads older than this at start-up belong to writes that crashed (on any replica). */
    private static final Duration ABANDONED_AFTER = Duration.ofDays(1);

    private static final String CONTENT_TYPE = "application/octet-stream";
    private static final int HEADER_SIZE_BYTES = ObjectFormat.SIZE_OFFSET + Long.BYTES;

    private final S3Client s3;
    private final String bucket;
    private final String prefix;
    private final int partSize;
    private final DataKeys keys;

    /**
     * A store on its own client, built from the settings with credentials from the SDK's default chain; checks that
     * the bucket is there and can be reached, and aborts abandoned uploads.
     *
     * @throws IllegalStateException naming the setting, when the bucket cannot be used
     */
    public static S3EncryptedStore connect(StorageProperties properties) {
        StorageProperties.S3 settings = properties.s3();
        settings.check();
        S3Client client = client(settings);
        try {
            var store = new S3EncryptedStore(client, settings, properties.masterKeyBytes());
            store.checkBucket(settings.endpointUri());
            store.sweepAbandonedUploads();
            return store;
        } catch (RuntimeException e) {
            client.close();
            throw e;
        }
    }

    S3EncryptedStore(S3Client s3, StorageProperties.S3 settings, byte[] masterKey) {
        this.s3 = s3;
        this.bucket = settings.bucket() == null ? "" : settings.bucket();
        this.prefix = settings.prefix();
        this.partSize = (int) settings.partSize().toBytes();
        this.keys = new DataKeys(masterKey);
    }

    private static S3Client client(StorageProperties.S3 settings) {
        S3ClientBuilder builder = S3Client.builder()
                .httpClientBuilder(ApacheHttpClient.builder()
                        .connectionTimeout(Duration.ofSeconds(5))
                        .socketTimeout(Duration.ofSeconds(60)))
                .forcePathStyle(settings.pathStyleAccess());
        URI endpoint = settings.endpointUri();
        if (endpoint != null) {
            builder.endpointOverride(endpoint);
        }
        if (settings.region() != null) {
            builder.region(Region.of(settings.region()));
        }
        try {
            return builder.build();
        } catch (SdkClientException e) {
            throw new IllegalStateException(
                    "cannot set up the S3 client of rights.storage.s3 (with no "
                            + "rights.storage.s3.region, the SDK looks for AWS_REGION): " + e.getMessage(),
                    e);
        }
    }

    private void checkBucket(@Nullable URI endpoint) {
        String where = "rights.storage.s3.bucket " + bucket + (endpoint == null ? "" : " at " + endpoint);
        try {
            s3.headBucket(request -> request.bucket(bucket));
        } catch (S3Exception e) {
            throw new IllegalStateException(
                    where + " cannot be used: "
                            + switch (e.statusCode()) {
                                case 404 -> "no such bucket";
                                case 301, 400 ->
                                    "wrong region or addressing (rights.storage.s3.region, path-style-access)";
                                case 401, 403 ->
                                    "access denied (credentials come from the SDK's default chain: AWS_ACCESS_KEY_ID, "
                                            + "AWS_SECRET_ACCESS_KEY, a web identity token, ...)";
                                default -> "HTTP " + e.statusCode();
                            },
                    e);
        } catch (SdkClientException e) {
            String message = String.valueOf(e.getMessage());
            throw new IllegalStateException(
                    where
                            + (message.contains("credentials")
                                    ? " cannot be used: the SDK's default chain found no credentials (AWS_ACCESS_KEY_ID and "
                                            + "AWS_SECRET_ACCESS_KEY, a web identity token, ...): "
                                    : " cannot be reached: ")
                            + message,
                    e);
        }
    }

    @Override
    public StoreWriter create(String key) throws IOException {
        ObjectKeys.check(key);
        return new Writer(key, keys.generate(key));
    }

    @Override
    public InputStream open(String key) throws IOException {
        String name = name(key);
        ResponseInputStream<GetObjectResponse> response;
        try {
            response = s3.getObject(request -> request.bucket(bucket).key(name));
        } catch (SdkException e) {
            throw failure("read", key, e);
        }
        return ObjectFormat.decrypting(new ResponseStream(response), key, keys);
    }

    @Override
    public boolean delete(String key) throws IOException {
        String name = name(key);
        if (!exists(key)) {
            return false;
        }
        try {
            s3.deleteObject(request -> request.bucket(bucket).key(name));
            return true;
        } catch (SdkException e) {
            throw failure("delete", key, e);
        }
    }

    @Override
    public boolean exists(String key) throws IOException {
        String name = name(key);
        try {
            s3.headObject(request -> request.bucket(bucket).key(name));
            return true;
        } catch (SdkException e) {
            if (notFound(e)) {
                return false;
            }
            throw failure("look up", key, e);
        }
    }

    /** Reads the size from the object's first 12 bytes (a ranged GET). */
    @Override
    public long size(String key) throws IOException {
        String name = name(key);
        try (InputStream header =
                s3.getObject(request -> request.bucket(bucket).key(name).range("bytes=0-" + (HEADER_SIZE_BYTES - 1)))) {
            return ObjectFormat.readSize(header, key);
        } catch (SdkException e) {
            throw failure("read", key, e);
        }
    }

    @Override
    public List<String> list(String keyPrefix) throws IOException {
        ObjectKeys.checkPrefix(keyPrefix);
        List<String> found = new ArrayList<>();
        try {
            for (S3Object object : s3.listObjectsV2Paginator(
                            request -> request.bucket(bucket).prefix(prefix + keyPrefix))
                    .contents()) {
                String key = object.key().substring(prefix.length());
                if (isKey(key)) {
                    found.add(key);
                }
            }
        } catch (SdkException e) {
            throw failure("list", prefix + keyPrefix, e);
        }
        found.sort(Comparator.naturalOrder());
        return found;
    }

    @Override
    public void close() {
        s3.close();
    }

    /** The bucket's name of an object. */
    String name(String key) {
        return prefix + ObjectKeys.check(key);
    }

    private static boolean isKey(String key) {
        try {
            ObjectKeys.check(key);
            return true;
        } catch (IllegalArgumentException notOurs) {
            return false;
        }
    }

    private static boolean notFound(SdkException e) {
        return e instanceof S3Exception s3 && s3.statusCode() == 404;
    }

    private static IOException failure(String what, String key, SdkException e) {
        if (notFound(e)) {
            return new NoSuchObjectException(key);
        }
        return new IOException("cannot " + what + " stored object " + key + " in S3: " + e.getMessage(), e);
    }

    private void sweepAbandonedUploads() {
        Instant before = Instant.now().minus(ABANDONED_AFTER);
        int aborted = 0;
        try {
            for (MultipartUpload upload : s3.listMultipartUploadsPaginator(
                            request -> request.bucket(bucket).prefix(prefix))
                    .uploads()) {
                if (upload.initiated() != null && upload.initiated().isBefore(before)) {
                    s3.abortMultipartUpload(
                            request -> request.bucket(bucket).key(upload.key()).uploadId(upload.uploadId()));
                    aborted++;
                }
            }
        } catch (SdkException e) {
            log.warn("cannot sweep abandoned uploads in bucket {}: {}", bucket, e.toString());
        }
        if (aborted > 0) {
            log.info("aborted {} uploads of writes that did not finish", aborted);
        }
    }

    /**
     * One part of a multipart upload (or of the single PUT), at most {@code partSize} bytes, in blocks of 64 KB
     * allocated as it fills and kept for the next part: no copy when it grows, no array the garbage collector must
     * find megabytes of contiguous room for, and a small object takes a block or two. Handed to the SDK as a stream
     * over the blocks, without a copy.
     */
    private final class Part {

        private static final int BLOCK = 64 * 1024;
        private final List<byte[]> blocks = new ArrayList<>();
        private int length;

        /** Appends what fits; returns how many bytes it took. */
        int append(byte[] b, int off, int len) {
            int taken = 0;
            while (taken < len && length < partSize) {
                int index = length / BLOCK;
                if (index == blocks.size()) {
                    blocks.add(new byte[BLOCK]);
                }
                int at = length % BLOCK;
                int n = Math.min(Math.min(len - taken, BLOCK - at), partSize - length);
                System.arraycopy(b, off + taken, blocks.get(index), at, n);
                length += n;
                taken += n;
            }
            return taken;
        }

        boolean full() {
            return length == partSize;
        }

        int length() {
            return length;
        }

        /** Writes the plain size into the object's header, at the start of this (the first) part. */
        void putSize(long size) {
            ObjectFormat.putSize(blocks.get(0), size);
        }

        InputStream stream() {
            return new InputStream() {
                private int position;

                @Override
                public int read() {
                    if (position >= length) {
                        return -1;
                    }
                    int b = blocks.get(position / BLOCK)[position % BLOCK] & 0xff;
                    position++;
                    return b;
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    if (len == 0) {
                        return 0;
                    }
                    if (position >= length) {
                        return -1;
                    }
                    int n = Math.min(Math.min(len, length - position), BLOCK - position % BLOCK);
                    System.arraycopy(blocks.get(position / BLOCK), position % BLOCK, b, off, n);
                    position += n;
                    return n;
                }

                @Override
                public int available() {
                    return length - position;
                }
            };
        }

        RequestBody body() {
            return RequestBody.fromContentProvider(this::stream, length, CONTENT_TYPE);
        }

        /** Empties the part, keeping its blocks for the next one. */
        void clear() {
            length = 0;
        }

        void release() {
            blocks.clear();
            length = 0;
        }
    }

    /** Encrypts into parts; see the class comment for when they leave. */
    private final class Writer extends StoreWriter {

        private final String key;
        private final String name;
        private final Part first = new Part();
        private final Part current = new Part();
        private final List<CompletedPart> uploaded = new ArrayList<>();
        private final OutputStream encrypting;
        private @Nullable String uploadId;
        private int nextPart = 2;
        private long written;
        private boolean closed;
        private boolean failed;

        Writer(String key, DataKeys.DataKey dataKey) throws IOException {
            this.key = key;
            this.name = name(key);
            var ciphertext = new OutputStream() {
                @Override
                public void write(int b) throws IOException {
                    write(new byte[] {(byte) b}, 0, 1);
                }

                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    append(b, off, len);
                }
            };
            ciphertext.write(ObjectFormat.header(dataKey));
            this.encrypting = ObjectFormat.encrypting(dataKey, key, ciphertext);
        }

        @Override
        public void write(int b) throws IOException {
            ensureOpen();
            encrypting.write(b);
            written++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            ensureOpen();
            encrypting.write(b, off, len);
            written += len;
        }

        @Override
        public long written() {
            return written;
        }

        @Override
        public void commit() throws IOException {
            ensureOpen();
            closed = true;
            boolean committed = false;
            try {
                encrypting.close();
                first.putSize(written);
                if (uploadId == null) {
                    long length = (long) first.length() + current.length();
                    s3.putObject(
                            request -> request.bucket(bucket).key(name).contentType(CONTENT_TYPE),
                            RequestBody.fromContentProvider(
                                    () -> new SequenceInputStream(first.stream(), current.stream()),
                                    length,
                                    CONTENT_TYPE));
                } else {
                    if (current.length() > 0) {
                        upload(nextPart, current);
                    }
                    upload(1, first);
                    uploaded.sort(Comparator.comparing(CompletedPart::partNumber));
                    String id = uploadId;
                    s3.completeMultipartUpload(request -> request.bucket(bucket)
                            .key(name)
                            .uploadId(id)
                            .multipartUpload(upload -> upload.parts(uploaded)));
                }
                committed = true;
            } catch (SdkException e) {
                throw failure("write", key, e);
            } finally {
                if (!committed) {
                    abort();
                }
                first.release();
                current.release();
            }
        }

        @Override
        public void close() {
            if (!closed) {
                closed = true;
                abort();
                first.release();
                current.release();
            }
        }

        /** Takes ciphertext: into the first part until it is full, then into the current one, which leaves full. */
        private void append(byte[] b, int off, int len) throws IOException {
            int at = off;
            int left = len;
            while (left > 0) {
                int n = (first.full() ? current : first).append(b, at, left);
                at += n;
                left -= n;
                if (current.full()) {
                    try {
                        upload(nextPart++, current);
                    } catch (SdkException e) {
                        failed = true;
                        abort();
                        throw failure("write", key, e);
                    }
                    current.clear();
                }
            }
        }

        private void upload(int number, Part part) {
            // the checksum algorithm named at creation and on every part (as the SDK's transfer manager does): S3
            // refuses to complete an upload whose parts carry checksums it was not told of
            if (uploadId == null) {
                uploadId = s3.createMultipartUpload(request -> request.bucket(bucket)
                                .key(name)
                                .contentType(CONTENT_TYPE)
                                .checksumAlgorithm(ChecksumAlgorithm.CRC32))
                        .uploadId();
            }
            String id = uploadId;
            UploadPartResponse response = s3.uploadPart(
                    request -> request.bucket(bucket)
                            .key(name)
                            .uploadId(id)
                            .partNumber(number)
                            .contentLength((long) part.length())
                            .checksumAlgorithm(ChecksumAlgorithm.CRC32),
                    part.body());
            uploaded.add(CompletedPart.builder()
                    .partNumber(number)
                    .eTag(response.eTag())
                    .checksumCRC32(response.checksumCRC32())
                    .build());
        }

        private void abort() {
            String id = uploadId;
            if (id == null) {
                return;
            }
            uploadId = null;
            try {
                s3.abortMultipartUpload(
                        request -> request.bucket(bucket).key(name).uploadId(id));
            } catch (SdkException e) {
                log.warn("cannot abort the upload of {}, left to the start-up sweep: {}", key, e.toString());
            }
        }

        private void ensureOpen() throws IOException {
            if (closed || failed) {
                throw new IOException("the writer of " + key + (failed ? " failed" : " is closed"));
            }
        }
    }

    /**
     * The body of a GET: read errors of the SDK become {@link IOException}s, and closing it before its end aborts
     * the request, so that a reader who stops early does not download the rest of a large object.
     */
    private static final class ResponseStream extends FilterInputStream {

        private final ResponseInputStream<?> response;
        private boolean ended;

        ResponseStream(ResponseInputStream<?> response) {
            super(response);
            this.response = response;
        }

        @Override
        public int read() throws IOException {
            try {
                int b = in.read();
                ended |= b < 0;
                return b;
            } catch (SdkException e) {
                throw new IOException("cannot read a stored object from S3: " + e.getMessage(), e);
            }
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            try {
                int n = in.read(b, off, len);
                ended |= n < 0;
                return n;
            } catch (SdkException e) {
                throw new IOException("cannot read a stored object from S3: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() throws IOException {
            if (!ended) {
                response.abort();
            }
            super.close();
        }
    }
}
