/**
 * The downstream systems a request must reach, in phases, and the consent purposes each processes data for.
 * Everything is non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.rightsplatform.rights.system;

import org.jspecify.annotations.NullMarked;
