/**
 * Data delivery, one feature: what deletion-worker collected for access and export requests, kept encrypted, turned
 * into the export archive and handed to its owner, then deleted when it expires. This package is the feature's door:
 * {@link dev.rightsplatform.rights.delivery.Handover} (reading data out, for the person's API and for OpenDSR's
 * results), the settings ({@code rights.delivery.*}) and the retention sweep. Its sub-packages are internals no other
 * feature reaches (the architecture test checks it):
 *
 * <ul>
 *   <li>{@code store}: the encrypted object store, a data key per object, on the file system or S3;
 *   <li>{@code collection}: the intake of the worker's parts ({@code PUT /internal/v1/collections/{taskId}}), their
 *       validation and records;
 *   <li>{@code archive}: the export archive (zip, CSV, manifest, index.html) and its builds;
 *   <li>{@code access}: the person's endpoints: the access view, export links and downloads.
 * </ul>
 *
 * <p>Only the person the data is about may read it; agents see that it exists, never what it holds. Everything
 * streams: no part or archive is ever held whole in memory. Everything is non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.rightsplatform.rights.delivery;

import org.jspecify.annotations.NullMarked;
