package dev.rightsplatform.rights.delivery.archive;

/**
 * A built export archive.
 *
 * @param objectKey where it is stored ({@link EncryptedStore})
 * @param size      bytes of the plain zip (what the person downloads; the stored, encrypted object is slightly
 *                  larger)
 * @param sha256    SHA-256 of the plain zip, lowercase hex
 * @param files     files in the zip, the manifest included
 * @param records   records of every system
 */
record ArchiveSummary(String objectKey, long size, String sha256, int files, long records) {}
