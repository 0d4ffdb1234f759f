-- The key an export gives a record that came from no import (one created on a page or through the API) names this
-- instance as well as the record's id, so that importing the export here again updates that record instead of
-- creating a copy, while in any other instance the key is a source reference like any other.
CREATE TABLE instance_identity (
    only_row BOOLEAN     PRIMARY KEY DEFAULT TRUE CHECK (only_row),
    id       VARCHAR(16) NOT NULL
);
INSERT INTO instance_identity (id)
VALUES (substr(md5(random()::text || clock_timestamp()::text || pg_backend_pid()::text), 1, 16));

-- 'SH-S-' or 'SH-P-', then the id, then '@' and this instance's identity; a record's source reference when it has one.
CREATE FUNCTION record_key(prefix TEXT, record_id BIGINT, source_ref TEXT) RETURNS TEXT
    LANGUAGE sql STABLE AS $$
    SELECT COALESCE(source_ref, prefix || record_id || '@' || (SELECT id FROM instance_identity))
$$;
