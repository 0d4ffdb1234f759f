-- The Idempotency-Key of POST requests (server/…/http/IdempotencyHandler): the first answer to a caller's key is
-- kept for 24 hours and replayed to a retry. A row without a status is a request still running: the attempt holding
-- its lease renews locked_until while it runs, and a retry may take the key over only once the lease has lapsed.
CREATE TABLE idempotency_keys (
    id            BIGSERIAL PRIMARY KEY,
    owner         TEXT        NOT NULL,  -- 'user:<id>', or 'address:<client address>' for a request without a token
    key           TEXT        NOT NULL,
    fingerprint   BYTEA       NOT NULL,  -- HMAC-SHA256, keyed by the token secret, of the method, path and body
    lease         UUID,                  -- the attempt running the request; NULL once its answer is stored
    locked_until  TIMESTAMPTZ NOT NULL,
    status        INT,
    headers       JSONB,
    body          BYTEA,
    created_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (owner, key)
);
CREATE INDEX idempotency_keys_created_at_idx ON idempotency_keys (created_at);
