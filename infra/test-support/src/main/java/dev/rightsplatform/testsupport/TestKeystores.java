package dev.rightsplatform.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * A throw-away PKCS#12 keystore with an RSA key and a self-signed certificate, made once per JVM with the JDK's
 * keytool, for tests of whatever signs with a configured key (the OpenDSR processor key). Nothing is committed.
 */
public final class TestKeystores {

    public static final String ALIAS = "opendsr";
    private static volatile Keystore processor;

    private TestKeystores() {}

    public static Keystore processor() {
        var made = processor;
        if (made == null) {
            synchronized (TestKeystores.class) {
                made = processor;
                if (made == null) {
                    made = create();
                    processor = made;
                }
            }
        }
        return made;
    }

    private static Keystore create() {
        try {
            var dir = Files.createTempDirectory("test-keystore");
            var file = dir.resolve("processor.p12");
            var password = UUID.randomUUID().toString();
            var keytool =
                    Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
            var process = new ProcessBuilder(List.of(
                            keytool,
                            "-genkeypair",
                            "-alias",
                            ALIAS,
                            "-keyalg",
                            "RSA",
                            "-keysize",
                            "2048",
                            "-validity",
                            "30",
                            "-dname",
                            "CN=rights-platform-test",
                            "-storetype",
                            "PKCS12",
                            "-keystore",
                            file.toString(),
                            "-storepass",
                            password,
                            "-keypass",
                            password))
                    .redirectErrorStream(true)
                    .redirectOutput(dir.resolve("keytool.log").toFile())
                    .start();
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException("keytool failed: " + Files.readString(dir.resolve("keytool.log")));
            }
            file.toFile().deleteOnExit();
            return new Keystore(file, password);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Where the keystore is and its password (the key's too). */
    public record Keystore(Path path, String password) {}
}
