/**
 * RabbitMQ: exchange and queue names, the declared topology, start-up checks of the broker settings.
 * Everything is non-null unless marked {@code @Nullable}.
 */
@NullMarked
package dev.rightsplatform.rights.messaging;

import org.jspecify.annotations.NullMarked;
