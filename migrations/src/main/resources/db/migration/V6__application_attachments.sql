-- PDF attachments of applications (揭榜申报附件): at most 3 per application (checked by the service under a row
-- lock on the application), each at most 10 MB. The bytes live in PostgreSQL rather than on disk because every
-- server process shares the database but not a data directory.
CREATE TABLE application_attachments (
    id             BIGSERIAL PRIMARY KEY,
    application_id BIGINT       NOT NULL REFERENCES applications (id),
    file_name      VARCHAR(200) NOT NULL,
    size_bytes     INTEGER      NOT NULL CHECK (size_bytes BETWEEN 1 AND 10485760),
    sha256         CHAR(64)     NOT NULL,
    content_type   VARCHAR(32)  NOT NULL DEFAULT 'application/pdf' CHECK (content_type = 'application/pdf'),
    content        BYTEA        NOT NULL,
    uploaded_by    BIGINT       NOT NULL REFERENCES users (id),
    uploaded_at    TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX application_attachments_application_idx ON application_attachments (application_id, id);
