-- 对接: a buyer or issuer clicked "联系对接" on a solution. With a posting, the issuer contacts a provider the
-- matcher recommended for that posting (once per posting and solution); without one, a buyer contacts a provider
-- from the solution's page (once per organization and solution). The scenario funnel counts postings with a contact.
CREATE TABLE contacts (
    id               BIGSERIAL PRIMARY KEY,
    posting_id       BIGINT      REFERENCES postings (id),
    solution_id      BIGINT      NOT NULL REFERENCES solutions (id),
    organization_id  BIGINT      NOT NULL REFERENCES organizations (id),
    user_id          BIGINT      NOT NULL REFERENCES users (id),
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX contacts_per_posting ON contacts (posting_id, solution_id) WHERE posting_id IS NOT NULL;
CREATE UNIQUE INDEX contacts_per_buyer ON contacts (organization_id, solution_id) WHERE posting_id IS NULL;
CREATE INDEX contacts_solution_idx ON contacts (solution_id);
