package dev.rightsplatform.rights.support;

import dev.rightsplatform.testsupport.S3MockProcess;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * An S3-compatible server for the tests of the S3 store, on this machine and without Docker: Adobe's S3Mock
 * (test-support's {@link S3MockProcess}), whose executable jar Maven copies to {@code target/s3mock/s3mock.jar}
 * (maven-dependency-plugin, rights-service's pom), started once per test JVM and stopped when the JVM exits.
 *
 * <p>S3Mock takes any credentials; the tests give the SDK's default chain the ones of {@link #ACCESS_KEY} through the
 * system properties {@code aws.accessKeyId} and {@code aws.secretAccessKey}, so the service's own code path (no
 * credentials in code) is the one tested.
 */
public final class S3MockServer {

    public static final String ACCESS_KEY = "s3mock-access-key";
    public static final String SECRET_KEY = "s3mock-secret-key";
    public static final String REGION = "us-east-1";
    private static volatile S3MockServer running;

    private final S3MockProcess process;

    private S3MockServer(S3MockProcess process) {
        this.process = process;
    }

    /** The server of this JVM, started on first use. */
    public static synchronized S3MockServer get() {
        if (running == null) {
            System.setProperty("aws.accessKeyId", ACCESS_KEY);
            System.setProperty("aws.secretAccessKey", SECRET_KEY);
            var process = S3MockProcess.start(
                    Path.of(System.getProperty("s3mock.jar", "target/s3mock/s3mock.jar"))
                            .toAbsolutePath(),
                    List.of());
            Runtime.getRuntime().addShutdownHook(new Thread(process::close, "s3mock-stop"));
            running = new S3MockServer(process);
        }
        return running;
    }

    /** The server's URL ({@code rights.storage.s3.endpoint}). */
    public URI endpoint() {
        return process.endpoint();
    }

    /** A new bucket with a unique name. */
    public String newBucket() {
        String bucket = "rights-test-" + UUID.randomUUID().toString().substring(0, 13);
        try (S3Client client = client()) {
            client.createBucket(request -> request.bucket(bucket));
        }
        return bucket;
    }

    /** A plain SDK client on the server, to look at and tamper with what the store wrote. */
    public S3Client client() {
        return S3Client.builder()
                .endpointOverride(endpoint())
                .region(Region.of(REGION))
                .forcePathStyle(true)
                .credentialsProvider(
                        StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET_KEY)))
                .httpClientBuilder(ApacheHttpClient.builder())
                .build();
    }
}
