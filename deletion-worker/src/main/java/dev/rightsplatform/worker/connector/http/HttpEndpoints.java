package dev.rightsplatform.worker.connector.http;

import java.net.URI;
import org.jspecify.annotations.Nullable;

/** Where an http system takes each action; an action without its URL is one the system does not support. */
record HttpEndpoints(
        URI erase,
        @Nullable URI precheck,
        @Nullable URI collect,
        @Nullable URI withdraw) {

    static HttpEndpoints eraseOnly(URI erase) {
        return new HttpEndpoints(erase, null, null, null);
    }
}
