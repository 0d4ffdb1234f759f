-- Lists of solutions page through this index in their default order (newest first, ties by id) and count from it,
-- without reading the rows they skip; it supersedes the index on (status, updated_at).
CREATE INDEX solutions_listing_idx ON solutions (status, updated_at DESC, id DESC);
DROP INDEX solutions_status_idx;
