-- Each server instance keeps its own Lucene replica by following the outbox; it reports here how far it got,
-- so that outbox rows every live instance has applied can be pruned.
CREATE TABLE index_replicas (
    instance_id  VARCHAR(64) PRIMARY KEY,
    last_applied BIGINT      NOT NULL DEFAULT 0,
    seen_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);
