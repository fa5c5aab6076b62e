-- One row per RequestEvent: what was (or was not) sent for it. No personal data: no address, no name, and
-- last_error is scrubbed of addresses before it is written.
CREATE TABLE delivery_log (
    event_id      uuid        PRIMARY KEY,
    event_type    text        NOT NULL,
    request_id    uuid        NOT NULL,
    template      text        NOT NULL,
    locale        text        NOT NULL,
    status        text        NOT NULL CHECK (status IN ('SENDING', 'RETRYING', 'SENT', 'FAILED', 'SKIPPED')),
    attempts      integer     NOT NULL DEFAULT 0 CHECK (attempts >= 0),
    last_error    text,
    -- While SENDING: until when the claiming consumer may hold the row before others treat it as abandoned.
    claimed_until timestamptz,
    created_at    timestamptz NOT NULL DEFAULT now(),
    updated_at    timestamptz NOT NULL DEFAULT now(),
    sent_at       timestamptz
);

-- What an agent (or the later re-send job) looks for: events that are not done, oldest first.
CREATE INDEX delivery_log_unfinished ON delivery_log (status, updated_at)
    WHERE status IN ('SENDING', 'RETRYING', 'FAILED');

CREATE INDEX delivery_log_request ON delivery_log (request_id);
