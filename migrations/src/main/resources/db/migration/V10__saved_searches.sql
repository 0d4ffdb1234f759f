-- Saved searches (a query plus /search filters) and per-person delivery of alerts. A new record that matches a
-- saved search notifies its owner once per (search, record): every index replica runs the match, the unique
-- indexes below make all but the first insert no-ops. Deleting a search keeps the notifications it produced.
CREATE TABLE saved_searches (
    id          BIGSERIAL PRIMARY KEY,
    user_id     BIGINT       NOT NULL REFERENCES users (id),
    name        VARCHAR(60)  NOT NULL,
    query_text  VARCHAR(200) NOT NULL DEFAULT '',
    target      VARCHAR(16)  NOT NULL CHECK (target IN ('postings', 'solutions')),
    filters     JSONB        NOT NULL DEFAULT '{}',
    created_at  TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX saved_searches_user_idx ON saved_searches (user_id, id);

-- No row means instant delivery at the default hour. Workflow notifications ignore these settings.
CREATE TABLE notification_settings (
    user_id      BIGINT      PRIMARY KEY REFERENCES users (id),
    delivery     VARCHAR(8)  NOT NULL CHECK (delivery IN ('instant', 'daily', 'off')),
    digest_hour  SMALLINT    NOT NULL CHECK (digest_hour BETWEEN 0 AND 23)
);

-- held: kept for the daily digest, not listed on its own; digest_date: the day of the digest that gathered it
-- (on a held alert) or of the digest itself (on a 'digest' notification).
ALTER TABLE notifications
    ADD COLUMN saved_search_id BIGINT REFERENCES saved_searches (id) ON DELETE SET NULL,
    ADD COLUMN held            BOOLEAN NOT NULL DEFAULT false,
    ADD COLUMN digest_date     DATE;
CREATE UNIQUE INDEX notifications_saved_search_posting_once ON notifications (saved_search_id, posting_id)
    WHERE kind = 'saved_search' AND posting_id IS NOT NULL;
CREATE UNIQUE INDEX notifications_saved_search_solution_once ON notifications (saved_search_id, solution_id)
    WHERE kind = 'saved_search' AND solution_id IS NOT NULL;
CREATE UNIQUE INDEX notifications_digest_once ON notifications (user_id, digest_date) WHERE kind = 'digest';
CREATE INDEX notifications_held_idx ON notifications (user_id) WHERE held AND digest_date IS NULL;
