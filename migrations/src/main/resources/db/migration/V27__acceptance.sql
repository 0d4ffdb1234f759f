-- Acceptance (验收). A call in acceptance has one open round at a time (round 1, 2, … after a return to delivery);
-- the issuer appoints a panel of government accounts, each member scores every 考核指标 met / partly / not met with a
-- comment, and the issuer concludes the round: accepted, back to delivery with the findings, or failed. The
-- findings (the per-requirement verdicts and comments) are kept with the round.
CREATE TABLE acceptance_rounds (
    id           BIGSERIAL     PRIMARY KEY,
    posting_id   BIGINT        NOT NULL REFERENCES postings (id),
    round_no     INT           NOT NULL CHECK (round_no > 0),
    status       VARCHAR(16)   NOT NULL DEFAULT 'open' CHECK (status IN ('open', 'concluded')),
    outcome      VARCHAR(16)   CHECK (outcome IN ('accepted', 'in_delivery', 'failed')),
    findings     JSONB,
    summary      VARCHAR(1000),
    opened_at    TIMESTAMPTZ   NOT NULL DEFAULT now(),
    concluded_at TIMESTAMPTZ,
    concluded_by BIGINT        REFERENCES users (id),
    UNIQUE (posting_id, round_no),
    CHECK ((status = 'open') = (outcome IS NULL))
);
CREATE UNIQUE INDEX acceptance_rounds_one_open ON acceptance_rounds (posting_id) WHERE status = 'open';

CREATE TABLE acceptance_panel (
    round_id       BIGINT       NOT NULL REFERENCES acceptance_rounds (id),
    user_id        BIGINT       NOT NULL REFERENCES users (id),
    appointed_by   BIGINT       REFERENCES users (id),
    appointed_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    recusal_reason VARCHAR(500),
    recused_at     TIMESTAMPTZ,
    PRIMARY KEY (round_id, user_id)
);
CREATE INDEX acceptance_panel_user ON acceptance_panel (user_id);

CREATE TABLE acceptance_scores (
    round_id    BIGINT        NOT NULL,
    user_id     BIGINT        NOT NULL,
    requirement VARCHAR(500)  NOT NULL,
    verdict     VARCHAR(8)    NOT NULL CHECK (verdict IN ('met', 'partly', 'not_met')),
    comment     VARCHAR(1000) NOT NULL DEFAULT '',
    scored_at   TIMESTAMPTZ   NOT NULL DEFAULT now(),
    PRIMARY KEY (round_id, user_id, requirement),
    FOREIGN KEY (round_id, user_id) REFERENCES acceptance_panel (round_id, user_id)
);

-- The lighter acceptance of a demand's pilot (先试后转) by its buyer: passed lands the demand, failed keeps it in pilot.
CREATE TABLE demand_acceptances (
    id           BIGSERIAL     PRIMARY KEY,
    posting_id   BIGINT        NOT NULL REFERENCES postings (id),
    response_id  BIGINT        NOT NULL REFERENCES demand_responses (id),
    items        JSONB         NOT NULL,
    conclusion   VARCHAR(8)    NOT NULL CHECK (conclusion IN ('passed', 'failed')),
    summary      VARCHAR(1000) NOT NULL DEFAULT '',
    submitted_by BIGINT        NOT NULL REFERENCES users (id),
    created_at   TIMESTAMPTZ   NOT NULL DEFAULT now()
);
CREATE INDEX demand_acceptances_posting ON demand_acceptances (posting_id, created_at);
