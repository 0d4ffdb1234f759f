-- Invitation codes: how a colleague joins an organization an admin has verified (registering with its name alone
-- is refused). Only the SHA-256 hex of a code is kept; a code is single use (used_by/used_at) and expires.
CREATE TABLE invitations (
    id               BIGSERIAL PRIMARY KEY,
    organization_id  BIGINT      NOT NULL REFERENCES organizations (id),
    code_hash        CHAR(64)    NOT NULL,
    created_by       BIGINT      NOT NULL REFERENCES users (id),
    created_at       TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at       TIMESTAMPTZ NOT NULL,
    used_by          BIGINT      REFERENCES users (id),
    used_at          TIMESTAMPTZ
);
CREATE INDEX invitations_code_hash_idx ON invitations (code_hash);
