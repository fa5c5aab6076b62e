package dev.rightsplatform.rights.delivery.archive;

import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Writes a zip one file at a time, digesting each file and the zip itself as they are written, so the manifest's
 * checksums cost no second read.
 */
final class ArchiveWriter {

    private final DigestingOutputStream zipBytes;
    private final ZipOutputStream zip;
    private final long time;
    private final List<ArchiveFile> files = new ArrayList<>();
    private DigestingOutputStream current;
    private String currentPath = "";

    ArchiveWriter(OutputStream target, int level, Instant time) {
        this.zipBytes = new DigestingOutputStream(target);
        this.zip = new ZipOutputStream(zipBytes);
        this.zip.setLevel(level);
        this.time = time.toEpochMilli();
        this.current = new DigestingOutputStream(OutputStream.nullOutputStream());
    }

    /** Starts a file; write it through the stream returned (closing that stream does not end the file). */
    OutputStream startFile(String path) throws IOException {
        ZipEntry entry = new ZipEntry(path);
        entry.setTime(time);
        zip.putNextEntry(entry);
        currentPath = path;
        current = new DigestingOutputStream(zip);
        return current;
    }

    /** Ends the file started last. */
    ArchiveFile endFile() throws IOException {
        current.flush();
        zip.closeEntry();
        var file = new ArchiveFile(currentPath, current.count(), current.sha256());
        files.add(file);
        return file;
    }

    List<ArchiveFile> files() {
        return List.copyOf(files);
    }

    /** Writes the zip's central directory; returns the zip's size and SHA-256. */
    ArchiveFile finish() throws IOException {
        zip.finish();
        zip.flush();
        return new ArchiveFile("", zipBytes.count(), zipBytes.sha256());
    }
}
