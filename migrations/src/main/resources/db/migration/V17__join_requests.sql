-- Registering with the name of an existing organization, without one of its invitation codes, asks to join it: the
-- account has no organization (it cannot act for any) until a member approves, which moves requested_organization_id
-- into organization_id; a decline clears it. An account without either is one whose request was declined.
ALTER TABLE users ADD COLUMN requested_organization_id BIGINT REFERENCES organizations (id);
ALTER TABLE users DROP CONSTRAINT users_check;
ALTER TABLE users ADD CONSTRAINT users_one_organization CHECK (organization_id IS NULL OR requested_organization_id IS NULL);
CREATE INDEX users_requested_organization_idx ON users (requested_organization_id) WHERE requested_organization_id IS NOT NULL;
