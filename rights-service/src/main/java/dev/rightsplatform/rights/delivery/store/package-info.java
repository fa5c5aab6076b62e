/**
 * The encrypted object store of collected parts and export archives: {@link
 * dev.rightsplatform.rights.delivery.store.EncryptedStore}, a data key per object, on the file system or in an
 * S3-compatible store ({@code rights.storage.*}). Methods that block on disk or network say so; reactive callers run
 * them on {@code Schedulers.boundedElastic()}.
 * Everything is non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.rightsplatform.rights.delivery.store;

import org.jspecify.annotations.NullMarked;
