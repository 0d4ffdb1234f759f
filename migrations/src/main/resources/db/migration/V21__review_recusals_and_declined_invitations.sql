-- A reviewer's declared conflict of interest (回避), besides the automatic rule (the reviewer's organization is a
-- member of the consortium): for one application, or for the whole call when application_id is NULL. A recused
-- reviewer is not expected to score, cannot score, and any score already given is left out of the totals.
CREATE TABLE review_recusals (
    id             BIGSERIAL    PRIMARY KEY,
    posting_id     BIGINT       NOT NULL REFERENCES postings (id),
    application_id BIGINT       REFERENCES applications (id),
    reviewer_id    BIGINT       NOT NULL REFERENCES users (id),
    reason         VARCHAR(500) NOT NULL,
    created_at     TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX review_recusals_once ON review_recusals (posting_id, reviewer_id, COALESCE(application_id, 0));

-- A partner may decline an invitation (with an optional reason the lead reads); a declined partner is confirmed only
-- after the lead invites it again, which clears these columns.
ALTER TABLE application_partners ADD COLUMN declined_at TIMESTAMPTZ;
ALTER TABLE application_partners ADD COLUMN declined_by BIGINT REFERENCES users (id);
ALTER TABLE application_partners ADD COLUMN decline_reason VARCHAR(500);
ALTER TABLE application_partners ADD CONSTRAINT application_partners_confirmed_or_declined
    CHECK (confirmed_at IS NULL OR declined_at IS NULL);
