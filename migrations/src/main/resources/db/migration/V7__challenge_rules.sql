-- The application rules of a call (申报条件) and the endorsement (推荐单位) of its applications.
-- A call without a row has the default rules: a verified lead organization, one live application per lead.
CREATE TABLE challenge_rules (
    posting_id               BIGINT      PRIMARY KEY REFERENCES postings (id),
    -- The lead organization's region must start with one of these (青岛市 admits 青岛市黄岛区); empty: any region.
    allowed_regions          TEXT[]      NOT NULL DEFAULT '{}',
    -- One of the maturities of the vocabulary; at least one offered solution must reach it.
    min_maturity             VARCHAR(16),
    require_verified         BOOLEAN     NOT NULL DEFAULT TRUE,
    -- Live applications an organization may take part in, as lead or partner; NULL: only one per lead.
    max_applications_per_org SMALLINT CHECK (max_applications_per_org BETWEEN 1 AND 20),
    -- A government organization whose endorsement an application needs before it counts.
    endorsing_org_id         BIGINT REFERENCES organizations (id),
    updated_by               BIGINT REFERENCES users (id),
    updated_at               TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- The endorsing organization is copied onto the application when it is submitted (the rules cannot change once
-- anyone has applied, but the application keeps the body it waits for either way).
ALTER TABLE applications
    ADD COLUMN endorsement      VARCHAR(16) NOT NULL DEFAULT 'not_required'
        CHECK (endorsement IN ('not_required', 'pending', 'endorsed', 'declined')),
    ADD COLUMN endorser_org_id  BIGINT REFERENCES organizations (id),
    ADD COLUMN endorsed_by      BIGINT REFERENCES users (id),
    ADD COLUMN endorsed_at      TIMESTAMPTZ,
    ADD COLUMN endorsement_note VARCHAR(500);
CREATE INDEX applications_endorser_idx ON applications (endorser_org_id, endorsement) WHERE endorser_org_id IS NOT NULL;
