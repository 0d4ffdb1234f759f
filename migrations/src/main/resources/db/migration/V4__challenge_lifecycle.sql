-- 揭榜挂帅 end to end: the full lifecycle of calls and demands with its timeline, applications (揭榜申报) with
-- consortia, the review (rubric, reviewers, scores), the published result (公示) and objections (异议).
-- 'open' stays the name of the published state (申报中 for a call, 征集中 for a demand): matching and the index
-- already treat it as the open state.

ALTER TABLE postings DROP CONSTRAINT postings_status_check;
ALTER TABLE postings ADD CONSTRAINT postings_status_check CHECK (status IN (
    'draft', 'pending', 'open', 'closed', 'rejected', 'archived',
    'review', 'shortlisted', 'awarded', 'result_published', 'in_delivery', 'landed', 'unawarded',
    'in_talks', 'pilot'));
-- The review states belong to calls, the talks states to demands.
ALTER TABLE postings ADD CONSTRAINT postings_status_kind_check CHECK (
    (kind = 'challenge' AND status NOT IN ('in_talks', 'pilot'))
    OR (kind = 'demand' AND status NOT IN ('review', 'shortlisted', 'awarded', 'result_published', 'in_delivery',
                                           'unawarded')));

-- The timeline of a posting: one row per status change; actor_id NULL when the system (the deadline) made it.
CREATE TABLE posting_events (
    id          BIGSERIAL PRIMARY KEY,
    posting_id  BIGINT      NOT NULL REFERENCES postings (id),
    from_status VARCHAR(16),
    to_status   VARCHAR(16) NOT NULL,
    actor_id    BIGINT REFERENCES users (id),
    actor_kind  VARCHAR(8)  NOT NULL CHECK (actor_kind IN ('issuer', 'admin', 'system')),
    note        VARCHAR(500),
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX posting_events_posting_idx ON posting_events (posting_id, id);

CREATE TABLE applications (
    id           BIGSERIAL PRIMARY KEY,
    posting_id   BIGINT      NOT NULL REFERENCES postings (id),
    lead_org_id  BIGINT      NOT NULL REFERENCES organizations (id),
    submitted_by BIGINT      NOT NULL REFERENCES users (id),
    status       VARCHAR(16) NOT NULL CHECK (status IN ('submitted', 'withdrawn', 'shortlisted', 'awarded', 'not_awarded')),
    -- {approach, requirementAnswers: [{requirement, answer}], schedule, team, budgetWan}
    proposal     JSONB       NOT NULL,
    solution_ids BIGINT[]    NOT NULL DEFAULT '{}',
    created_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at   TIMESTAMPTZ NOT NULL DEFAULT now(),
    version      INTEGER     NOT NULL DEFAULT 1
);
-- One live application per lead organization and call; a withdrawn one does not block applying again.
CREATE UNIQUE INDEX applications_one_per_lead ON applications (posting_id, lead_org_id) WHERE status <> 'withdrawn';
CREATE INDEX applications_lead_idx ON applications (lead_org_id);

-- Consortium partners (at most 4 per application, checked by the service under a row lock on the application).
CREATE TABLE application_partners (
    application_id  BIGINT      NOT NULL REFERENCES applications (id),
    organization_id BIGINT      NOT NULL REFERENCES organizations (id),
    invited_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    confirmed_at    TIMESTAMPTZ,
    confirmed_by    BIGINT REFERENCES users (id),
    PRIMARY KEY (application_id, organization_id)
);
CREATE INDEX application_partners_org_idx ON application_partners (organization_id);

-- The scoring rubric of a call: [{name, weight}], weights summing to 100 (checked by the service).
CREATE TABLE challenge_rubrics (
    posting_id BIGINT      PRIMARY KEY REFERENCES postings (id),
    criteria   JSONB       NOT NULL,
    updated_by BIGINT REFERENCES users (id),
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE TABLE challenge_reviewers (
    posting_id  BIGINT      NOT NULL REFERENCES postings (id),
    user_id     BIGINT      NOT NULL REFERENCES users (id),
    assigned_by BIGINT REFERENCES users (id),
    assigned_at TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (posting_id, user_id)
);

CREATE TABLE review_scores (
    application_id BIGINT        NOT NULL REFERENCES applications (id),
    reviewer_id    BIGINT        NOT NULL REFERENCES users (id),
    criterion      VARCHAR(40)   NOT NULL,
    score          SMALLINT      NOT NULL CHECK (score BETWEEN 0 AND 100),
    comment        VARCHAR(1000) NOT NULL DEFAULT '',
    scored_at      TIMESTAMPTZ   NOT NULL DEFAULT now(),
    PRIMARY KEY (application_id, reviewer_id, criterion)
);

-- The published result (公示) of a call and the end of its objection period (异议期), both from the app's clock.
CREATE TABLE challenge_results (
    posting_id      BIGINT      PRIMARY KEY REFERENCES postings (id),
    published_at    TIMESTAMPTZ NOT NULL,
    objection_until TIMESTAMPTZ NOT NULL
);

CREATE TABLE objections (
    id          BIGSERIAL PRIMARY KEY,
    posting_id  BIGINT        NOT NULL REFERENCES postings (id),
    author_id   BIGINT        NOT NULL REFERENCES users (id),
    text        VARCHAR(2000) NOT NULL,
    created_at  TIMESTAMPTZ   NOT NULL,
    answer      VARCHAR(2000),
    answered_by BIGINT REFERENCES users (id),
    answered_at TIMESTAMPTZ
);
CREATE INDEX objections_posting_idx ON objections (posting_id, id);
