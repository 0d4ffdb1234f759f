-- 响应: a provider organization answers an open 场景需求 with a short proposal and its own published solutions;
-- one response per demand and organization (withdrawing deletes it, so the provider may respond again). The buyer
-- shortlists, declines (with the reason the provider sees), starts a pilot with one response (先试后转) and marks
-- it landed; the demand itself moves along its lifecycle with these decisions.
CREATE TABLE demand_responses (
    id              BIGSERIAL PRIMARY KEY,
    posting_id      BIGINT      NOT NULL REFERENCES postings (id),
    organization_id BIGINT      NOT NULL REFERENCES organizations (id),
    user_id         BIGINT      NOT NULL REFERENCES users (id),
    proposal        TEXT        NOT NULL,
    solution_ids    BIGINT[]    NOT NULL CHECK (cardinality(solution_ids) BETWEEN 1 AND 5),
    status          VARCHAR(16) NOT NULL DEFAULT 'submitted'
                    CHECK (status IN ('submitted', 'shortlisted', 'declined', 'pilot', 'landed')),
    decline_reason  TEXT,
    decided_at      TIMESTAMPTZ,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    version         INTEGER     NOT NULL DEFAULT 1,
    UNIQUE (posting_id, organization_id)
);
CREATE INDEX demand_responses_org_idx ON demand_responses (organization_id);
-- At most one pilot (or landed) response per demand, whatever the race between two buyers' clicks.
CREATE UNIQUE INDEX demand_responses_one_pilot ON demand_responses (posting_id) WHERE status IN ('pilot', 'landed');
