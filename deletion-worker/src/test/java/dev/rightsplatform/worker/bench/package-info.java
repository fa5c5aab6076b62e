/**
 * The worker throughput benchmark (infra/bench/worker-throughput): a program, not a test, run from the test
 * class path.
 */
@NullMarked
package dev.rightsplatform.worker.bench;

import org.jspecify.annotations.NullMarked;
