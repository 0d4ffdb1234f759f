-- Delivery of an awarded call (攻关): the winning lead's plan of milestones, accepted or returned by the issuer; a
-- progress report per milestone with measured indicator values and evidence files, accepted or returned by the
-- issuer; and the funding released per accepted milestone. Amounts are in 万元, like postings.budget_wan.
CREATE TABLE delivery_plans (
    posting_id     BIGINT        PRIMARY KEY REFERENCES postings (id),
    application_id BIGINT        NOT NULL REFERENCES applications (id),
    status         VARCHAR(16)   NOT NULL CHECK (status IN ('proposed', 'accepted', 'returned')),
    comment        VARCHAR(1000),
    proposed_by    BIGINT        NOT NULL REFERENCES users (id),
    proposed_at    TIMESTAMPTZ   NOT NULL,
    decided_by     BIGINT        REFERENCES users (id),
    decided_at     TIMESTAMPTZ,
    version        INTEGER       NOT NULL DEFAULT 1
);

CREATE TABLE milestones (
    id               BIGSERIAL    PRIMARY KEY,
    posting_id       BIGINT       NOT NULL REFERENCES delivery_plans (posting_id),
    position         SMALLINT     NOT NULL,
    title            VARCHAR(100) NOT NULL,
    due_date         DATE         NOT NULL,
    deliverable      VARCHAR(500) NOT NULL,
    funding_wan      BIGINT       NOT NULL CHECK (funding_wan >= 0),
    status           VARCHAR(16)  NOT NULL DEFAULT 'planned'
                     CHECK (status IN ('planned', 'reported', 'accepted', 'returned')),
    -- claimed by the one replica that sends the 逾期 notice (a conditional UPDATE), so it is sent once
    late_notified_at TIMESTAMPTZ,
    UNIQUE (posting_id, position)
);
CREATE INDEX milestones_due_idx ON milestones (due_date) WHERE status <> 'accepted' AND late_notified_at IS NULL;

CREATE TABLE milestone_reports (
    id           BIGSERIAL   PRIMARY KEY,
    milestone_id BIGINT      NOT NULL REFERENCES milestones (id),
    text         TEXT        NOT NULL,
    -- [{requirement, value}]: measured values against the call's 考核指标
    indicators   JSONB       NOT NULL DEFAULT '[]',
    status       VARCHAR(16) NOT NULL CHECK (status IN ('submitted', 'accepted', 'returned')),
    submitted_by BIGINT      NOT NULL REFERENCES users (id),
    submitted_at TIMESTAMPTZ NOT NULL,
    decided_by   BIGINT      REFERENCES users (id),
    decided_at   TIMESTAMPTZ,
    comment      VARCHAR(1000)
);
CREATE INDEX milestone_reports_milestone_idx ON milestone_reports (milestone_id);

CREATE TABLE report_evidence (
    id           BIGSERIAL    PRIMARY KEY,
    report_id    BIGINT       NOT NULL REFERENCES milestone_reports (id),
    file_name    VARCHAR(200) NOT NULL,
    content_type VARCHAR(40)  NOT NULL CHECK (content_type IN ('application/pdf', 'image/jpeg', 'image/png')),
    size         INTEGER      NOT NULL,
    sha256       CHAR(64)     NOT NULL,
    content      BYTEA        NOT NULL
);
CREATE INDEX report_evidence_report_idx ON report_evidence (report_id);

CREATE TABLE funding_releases (
    id           BIGSERIAL   PRIMARY KEY,
    posting_id   BIGINT      NOT NULL REFERENCES delivery_plans (posting_id),
    milestone_id BIGINT      NOT NULL REFERENCES milestones (id),
    amount_wan   BIGINT      NOT NULL CHECK (amount_wan > 0),
    released_on  DATE        NOT NULL,
    recorded_by  BIGINT      NOT NULL REFERENCES users (id),
    recorded_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX funding_releases_posting_idx ON funding_releases (posting_id);
