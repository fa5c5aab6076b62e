/**
 * The request lifecycle: the API, {@code RightsRequest} (states and guarded transitions), submission, identity
 * verification, agents' actions, progress on task results, deadlines watched.
 * Everything is non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.rightsplatform.rights.request;

import org.jspecify.annotations.NullMarked;
