/**
 * Intake of what deletion-worker collected for access and export requests: one part per COLLECT task, uploaded by
 * the worker's service account ({@code PUT /internal/v1/collections/{taskId}}), validated as it streams into the
 * encrypted store (the data never passes through RabbitMQ or this service's database; only sizes and checksums are
 * recorded, in {@code collected_part}).
 * Everything is non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.rightsplatform.rights.delivery.collection;

import org.jspecify.annotations.NullMarked;
