-- The W3C trace context (traceparent) of the work that submitted a request, so that what a scheduler later does to it
-- (the end of the cooling-off, deadline alerts, the export's completion) continues the submission's trace instead of
-- beginning one of its own: RequestTraces makes such work a child span of it. Null when nothing was traced. It names a
-- trace, never a person.
alter table rights_request add column traceparent text;
