/**
 * Test-only helpers shared by the services' tests: tokens with a real JWKS, key stores, process statistics, the
 * package-structure checks. Everything is non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.rightsplatform.testsupport;

import org.jspecify.annotations.NullMarked;
