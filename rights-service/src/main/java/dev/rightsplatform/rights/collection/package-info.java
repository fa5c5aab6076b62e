/**
 * Intake of what deletion-worker collected for access and export requests: one part per COLLECT task, uploaded by
 * the worker's service account, streamed into the encrypted store (the data never passes through RabbitMQ or this
 * service's database; only sizes and checksums are recorded here).
 */
package dev.rightsplatform.rights.collection;
