-- Attempt counters shared by every replica on this database: failed logins per account and per (account, client
-- address), registrations per client address. A bucket is taken atomically (INSERT … ON CONFLICT … RETURNING)
-- before the work it guards, so parallel requests cannot all pass one check; blocked_until refuses the bucket until
-- then, and a bucket past expires_at is forgotten (counted afresh, or deleted by the periodic prune).
CREATE TABLE rate_limits (
    bucket        TEXT        PRIMARY KEY,
    hits          INTEGER     NOT NULL,
    blocked_until TIMESTAMPTZ,
    expires_at    TIMESTAMPTZ NOT NULL
);
CREATE INDEX rate_limits_expires_idx ON rate_limits (expires_at);
