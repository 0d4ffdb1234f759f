-- In-app notifications: standing matches for providers, and the changes of the 揭榜 workflow that concern a
-- person's organization (new applications and objections for issuers, decisions for applicants). A standing match (a newly open call or demand that fits one of a provider's published
-- solutions) is written by whichever index replica applies the posting first; the unique index makes the other
-- replicas' attempts no-ops, so each person hears of a posting once.
CREATE TABLE notifications (
    id           BIGSERIAL PRIMARY KEY,
    user_id      BIGINT       NOT NULL REFERENCES users (id),
    kind         VARCHAR(32)  NOT NULL,
    posting_id   BIGINT       REFERENCES postings (id),
    solution_id  BIGINT       REFERENCES solutions (id),
    title        VARCHAR(200) NOT NULL,
    body         VARCHAR(1000) NOT NULL DEFAULT '',
    link         VARCHAR(300) NOT NULL DEFAULT '',
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    read_at      TIMESTAMPTZ
);
CREATE UNIQUE INDEX notifications_once ON notifications (user_id, kind, posting_id) WHERE kind = 'standing_match';
CREATE INDEX notifications_user_idx ON notifications (user_id, created_at DESC);
