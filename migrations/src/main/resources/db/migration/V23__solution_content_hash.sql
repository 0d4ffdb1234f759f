-- The SHA-256 (hex) of what an import row says about a solution: its provider and every stored field that its
-- embedding is built from. A re-import whose row hashes the same leaves the record alone (no new version, no
-- outbox row, no embedding). NULL means unknown: records not written by an import, edited since, or imported
-- before this column; the next import of such a record stores it once and sets the hash.
ALTER TABLE solutions ADD COLUMN content_hash CHAR(64);
