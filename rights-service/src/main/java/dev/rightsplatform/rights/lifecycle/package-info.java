/**
 * The request lifecycle: the request and its guarded transitions ({@code RightsRequest}), the workflow each type of
 * request follows, declared once ({@code Step}, {@code Workflow}), and the one entry point that changes a request
 * ({@code RequestLifecycle.handle}). Everything but the entry point, its commands and the request's read side is
 * package-private. Everything is non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.rightsplatform.rights.lifecycle;

import org.jspecify.annotations.NullMarked;
