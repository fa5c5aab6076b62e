/** What every service behind the gateway logs about the call it handles: the gateway's request id. */
@NullMarked
package dev.rightsplatform.observability;

import org.jspecify.annotations.NullMarked;
