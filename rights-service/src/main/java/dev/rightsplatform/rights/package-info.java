/**
 * rights-service: the lifecycle of every rights request. Features are the packages right under this one; the
 * architecture test keeps them free of cycles and out of each other's sub-packages.
 * Everything is non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.rightsplatform.rights;

import org.jspecify.annotations.NullMarked;
