/**
 * The person's endpoints for collected data: the access view ({@code GET /api/v1/requests/{id}/data}), export
 * links and downloads. Only the owner reads; agents get 403, anyone else 404.
 * Everything is non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.rightsplatform.rights.delivery.access;

import org.jspecify.annotations.NullMarked;
