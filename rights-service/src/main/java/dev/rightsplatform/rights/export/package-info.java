/**
 * The collected data of access and export requests: an encrypted object store ({@link
 * dev.rightsplatform.rights.export.EncryptedStore}, a data key per object), the intake of the parts the worker
 * uploads ({@link dev.rightsplatform.rights.export.CollectedParts}), the export archive ({@link
 * dev.rightsplatform.rights.export.ExportArchives}) and the access view ({@link
 * dev.rightsplatform.rights.export.AccessView}). Everything streams: no part or archive is ever held whole in memory.
 * Methods that block on disk say so; reactive callers run them on {@code Schedulers.boundedElastic()}. Everything is
 * non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.rightsplatform.rights.export;

import org.jspecify.annotations.NullMarked;
