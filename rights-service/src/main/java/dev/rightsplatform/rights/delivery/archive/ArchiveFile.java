package dev.rightsplatform.rights.delivery.archive;

/**
 * A file in an export archive, as its manifest lists it.
 *
 * @param path   path inside the zip
 * @param size   bytes (uncompressed)
 * @param sha256 SHA-256 of its bytes, lowercase hex
 */
record ArchiveFile(String path, long size, String sha256) {}
