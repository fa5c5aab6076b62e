package dev.rightsplatform.worker.connector;

/** A registered system the worker calls: its id, how many calls it takes at once, and its connector. */
public record ConnectedSystem(String id, int concurrency, Connector connector) {}
