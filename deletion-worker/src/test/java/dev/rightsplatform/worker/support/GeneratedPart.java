package dev.rightsplatform.worker.support;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * A part document a fake system writes on the fly, never held in memory: {@code {"categories":{"profile":[one
 * record],"messages":[the rest]}}}, each record about recordBytes long. What was written (its size and SHA-256) is
 * noted, so a test can compare it with what reached rights-service.
 */
public record GeneratedPart(long records, int recordBytes) {

    /** What a system sent: the size and checksum of the part as it went out. */
    public record Sent(long bytes, String sha256, long records) {}

    public GeneratedPart {
        if (records < 1 || recordBytes < 32) {
            throw new IllegalArgumentException("at least one record of at least 32 bytes");
        }
    }

    /** About this many bytes in all. */
    public static GeneratedPart ofSize(long bytes, int recordBytes) {
        return new GeneratedPart(Math.max(1, bytes / recordBytes), recordBytes);
    }

    Sent writeTo(OutputStream out) throws IOException {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException ex) {
            throw new IllegalStateException(ex);
        }
        CountingOutputStream counting = new CountingOutputStream(new DigestOutputStream(out, sha256));
        String filler = "x".repeat(this.recordBytes - 30);
        counting.write(ascii("{\"categories\":{\"profile\":["));
        counting.write(record(0, filler));
        counting.write(ascii("],\"messages\":["));
        for (long n = 1; n < this.records; n++) {
            if (n > 1) {
                counting.write(',');
            }
            counting.write(record(n, filler));
        }
        counting.write(ascii("]}}"));
        counting.flush();
        return new Sent(counting.count(), HexFormat.of().formatHex(sha256.digest()), this.records);
    }

    private static byte[] record(long n, String filler) {
        return ascii("{\"n\":" + n + ",\"text\":\"" + filler + "\"}");
    }

    private static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.US_ASCII);
    }

    private static final class CountingOutputStream extends java.io.FilterOutputStream {

        private long count;

        CountingOutputStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(int b) throws IOException {
            this.out.write(b);
            this.count++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            this.out.write(b, off, len);
            this.count += len;
        }

        long count() {
            return this.count;
        }
    }
}
