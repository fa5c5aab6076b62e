/**
 * The service's one transactional outbox: rows written in the transaction of the change they announce, one relay per
 * channel (RabbitMQ with publisher confirms, a partner's status callback), claimed {@code FOR UPDATE SKIP LOCKED} and
 * purged some time after delivery; rights-service/README.md ("Outbox") draws the states.
 * Everything is non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.rightsplatform.rights.outbox;

import org.jspecify.annotations.NullMarked;
