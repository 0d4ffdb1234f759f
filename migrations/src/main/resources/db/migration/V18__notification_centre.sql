-- The notification centre: per-person channel of each notification kind, the e-mail outbox, password resets.

-- No row means the catalogue's default for the kind (alert/NotificationKinds). 'off' writes no notification,
-- 'in_app' only the notification, 'email' the notification and an e-mail in the same statement.
CREATE TABLE notification_preferences (
    user_id  BIGINT      NOT NULL REFERENCES users (id),
    kind     VARCHAR(32) NOT NULL,
    channel  VARCHAR(8)  NOT NULL CHECK (channel IN ('in_app', 'email', 'off')),
    PRIMARY KEY (user_id, kind)
);

-- E-mails to send, written in the transaction of what they report. A sender claims due rows with FOR UPDATE
-- SKIP LOCKED and pushes next_attempt_at past the lease before sending, so another replica takes a row only once
-- the lease has run out (a sender that crashed mid-send); after max attempts a row is 'failed' for good.
CREATE TABLE email_outbox (
    id               BIGSERIAL PRIMARY KEY,
    user_id          BIGINT        NOT NULL REFERENCES users (id),
    notification_id  BIGINT        REFERENCES notifications (id),
    recipient        VARCHAR(254)  NOT NULL,
    subject          VARCHAR(300)  NOT NULL,
    body             TEXT          NOT NULL,
    -- the body holds a credential (a password reset link): emptied once the row is sent or failed
    secret           BOOLEAN       NOT NULL DEFAULT false,
    status           VARCHAR(8)    NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed')),
    attempts         INTEGER       NOT NULL DEFAULT 0,
    next_attempt_at  TIMESTAMPTZ   NOT NULL DEFAULT now(),
    last_error       VARCHAR(500),
    created_at       TIMESTAMPTZ   NOT NULL DEFAULT now(),
    sent_at          TIMESTAMPTZ
);
CREATE INDEX email_outbox_due_idx ON email_outbox (next_attempt_at, id) WHERE status = 'pending';
CREATE INDEX email_outbox_failed_idx ON email_outbox (id) WHERE status = 'failed';

-- The bell: each page view counts the person's unread notifications.
CREATE INDEX notifications_unread_idx ON notifications (user_id) WHERE read_at IS NULL AND NOT held;

-- Raised by a password reset: every token issued before carries an older version and is refused.
ALTER TABLE users ADD COLUMN token_version INTEGER NOT NULL DEFAULT 0;

-- Only the SHA-256 of a reset token is kept (the token itself is 256 random bits, so a plain hash is enough).
CREATE TABLE password_resets (
    token_hash  BYTEA       PRIMARY KEY,
    user_id     BIGINT      NOT NULL REFERENCES users (id),
    expires_at  TIMESTAMPTZ NOT NULL,
    used_at     TIMESTAMPTZ,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX password_resets_user_idx ON password_resets (user_id) WHERE used_at IS NULL;
