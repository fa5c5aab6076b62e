package dev.rightsplatform.rights.lifecycle;

import reactor.core.publisher.Mono;

/**
 * Told of every lifecycle transition, inside its transaction, after the request is saved: what it records commits or
 * rolls back with the change (e.g. the OpenDSR status callbacks a partner is owed). Must be quick and must not call
 * out of the process.
 */
public interface RequestObserver {

    Mono<Void> changed(RightsRequest request);
}
