/**
 * The export archive: built once every system delivered its part (zip with one JSON per system, CSV per table,
 * manifest, index.html), streamed into the encrypted store, recorded in {@code export_archive}.
 * Everything is non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.rightsplatform.rights.delivery.archive;

import org.jspecify.annotations.NullMarked;
