-- The W3C trace context (traceparent) of the work that wrote an outbox row, set as the message's traceparent header
-- when the relay publishes it later, so one trace runs from the request through RabbitMQ to its consumers. Null when
-- nothing was traced. It names a trace, never a person.
alter table outbox_message add column traceparent text;
