/**
 * The rights a person can exercise ({@code RequestType}): the one word every feature shares, kept apart so that the
 * deadline rules and the system registry, which speak of it, need not depend on the request lifecycle, which uses
 * them. Everything is non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.rightsplatform.rights.type;

import org.jspecify.annotations.NullMarked;
