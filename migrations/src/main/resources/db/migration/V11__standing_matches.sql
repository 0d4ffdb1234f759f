-- The funnel's 已匹配: postings for which the standing matcher found fitting published solutions. Recorded on its
-- own, not read from the notifications, so that a person's alert setting ('off' writes no notification) does not
-- change the park's statistics. Every index replica runs the match; the primary key makes all but the first insert
-- no-ops. Postings matched before this table existed are those that notified someone.
CREATE TABLE standing_matches (
    posting_id  BIGINT      PRIMARY KEY REFERENCES postings (id),
    matched_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
INSERT INTO standing_matches (posting_id, matched_at)
SELECT posting_id, min(created_at) FROM notifications WHERE kind = 'standing_match' GROUP BY posting_id;
