-- Each server instance keeps its own Lucene replica by following the outbox; it reports here how far it got,
-- so that outbox rows every live instance has applied can be pruned.
CREATE TABLE index_replicas (
    instance_id  VARCHAR(64) PRIMARY KEY,
    last_applied BIGINT      NOT NULL DEFAULT 0,
    seen_at      TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The highest outbox id ever pruned: a replica whose index is older than this has missed changes and rebuilds.
CREATE TABLE outbox_pruned (
    singleton    BOOLEAN PRIMARY KEY DEFAULT TRUE CHECK (singleton),
    pruned_upto  BIGINT  NOT NULL DEFAULT 0
);
INSERT INTO outbox_pruned DEFAULT VALUES;
