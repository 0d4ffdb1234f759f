-- 沟通: one thread per record (a posting or a solution) and pair of organizations, whoever started it. The pair is
-- stored ordered (org_low < org_high), so A↔B and B↔A are the same row and two opens at once meet on the unique
-- index. One of the pair owns the record; the service checks that.
CREATE TABLE conversations (
    id              BIGSERIAL PRIMARY KEY,
    posting_id      BIGINT      REFERENCES postings (id),
    solution_id     BIGINT      REFERENCES solutions (id),
    org_low         BIGINT      NOT NULL REFERENCES organizations (id),
    org_high        BIGINT      NOT NULL REFERENCES organizations (id),
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    last_message_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    CHECK ((posting_id IS NULL) <> (solution_id IS NULL)),
    CHECK (org_low < org_high)
);
CREATE UNIQUE INDEX conversations_per_posting ON conversations (posting_id, org_low, org_high) WHERE posting_id IS NOT NULL;
CREATE UNIQUE INDEX conversations_per_solution ON conversations (solution_id, org_low, org_high) WHERE solution_id IS NOT NULL;
CREATE INDEX conversations_low_idx ON conversations (org_low, last_message_at DESC, id DESC);
CREATE INDEX conversations_high_idx ON conversations (org_high, last_message_at DESC, id DESC);

CREATE TABLE conversation_messages (
    id              BIGSERIAL PRIMARY KEY,
    conversation_id BIGINT        NOT NULL REFERENCES conversations (id),
    organization_id BIGINT        NOT NULL REFERENCES organizations (id),
    user_id         BIGINT        NOT NULL REFERENCES users (id),
    body            VARCHAR(2000) NOT NULL,
    created_at      TIMESTAMPTZ   NOT NULL DEFAULT now()
);
CREATE INDEX conversation_messages_conversation_idx ON conversation_messages (conversation_id, id);

-- At most one PDF per message, under the rules of application attachments (10 MB, recognised by its first bytes).
CREATE TABLE conversation_attachments (
    id              BIGSERIAL PRIMARY KEY,
    message_id      BIGINT       NOT NULL UNIQUE REFERENCES conversation_messages (id),
    conversation_id BIGINT       NOT NULL REFERENCES conversations (id),
    file_name       VARCHAR(200) NOT NULL,
    size_bytes      INTEGER      NOT NULL CHECK (size_bytes BETWEEN 1 AND 10485760),
    sha256          CHAR(64)     NOT NULL,
    content         BYTEA        NOT NULL,
    uploaded_by     BIGINT       NOT NULL REFERENCES users (id),
    uploaded_at     TIMESTAMPTZ  NOT NULL DEFAULT now()
);

-- Each person's read marker in a thread: messages of the other organization after it are unread.
CREATE TABLE conversation_reads (
    conversation_id      BIGINT NOT NULL REFERENCES conversations (id),
    user_id              BIGINT NOT NULL REFERENCES users (id),
    last_read_message_id BIGINT NOT NULL DEFAULT 0,
    PRIMARY KEY (conversation_id, user_id)
);

-- The contact person an organization chose to show the other side in this thread; shown only while shared.
CREATE TABLE conversation_contacts (
    conversation_id BIGINT       NOT NULL REFERENCES conversations (id),
    organization_id BIGINT       NOT NULL REFERENCES organizations (id),
    name            VARCHAR(60)  NOT NULL,
    phone           VARCHAR(20)  NOT NULL,
    email           VARCHAR(254) NOT NULL,
    shared          BOOLEAN      NOT NULL,
    updated_by      BIGINT       NOT NULL REFERENCES users (id),
    updated_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    PRIMARY KEY (conversation_id, organization_id)
);
