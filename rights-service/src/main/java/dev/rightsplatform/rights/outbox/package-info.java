/**
 * The transactional outbox: rows written in the transaction of the change they announce, relayed to RabbitMQ with
 * publisher confirms (rows claimed {@code FOR UPDATE SKIP LOCKED}), purged once published.
 * Everything is non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.rightsplatform.rights.outbox;

import org.jspecify.annotations.NullMarked;
