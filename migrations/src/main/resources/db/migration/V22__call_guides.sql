-- A call's 申报指南 and contact person (issue 14): the issuer names whom applicants may ask and may attach one PDF
-- guide (at most 10 MB, like application attachments, and in PostgreSQL for the same reason: every server process
-- shares the database but not a data directory). One row per call; either part may be missing.
CREATE TABLE call_guides (
    posting_id     BIGINT       PRIMARY KEY REFERENCES postings (id),
    contact_name   VARCHAR(60),
    contact_phone  VARCHAR(30),
    contact_email  VARCHAR(254),
    file_name      VARCHAR(200),
    size_bytes     INTEGER      CHECK (size_bytes BETWEEN 1 AND 10485760),
    sha256         CHAR(64),
    content        BYTEA,
    updated_by     BIGINT       NOT NULL REFERENCES users (id),
    updated_at     TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CHECK ((file_name IS NULL) = (content IS NULL))
);
