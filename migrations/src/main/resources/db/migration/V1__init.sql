-- ScenarioHub schema v1: organizations, accounts, solutions, postings, outbox, audit log.

CREATE TABLE organizations (
    id           BIGSERIAL PRIMARY KEY,
    name         VARCHAR(100) NOT NULL UNIQUE,
    kind         VARCHAR(16)  NOT NULL CHECK (kind IN ('provider', 'government', 'enterprise')),
    credit_code  CHAR(18) UNIQUE,
    region       VARCHAR(60)  NOT NULL DEFAULT '',
    verified     BOOLEAN      NOT NULL DEFAULT FALSE,
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    updated_at   TIMESTAMPTZ  NOT NULL DEFAULT now(),
    version      INTEGER      NOT NULL DEFAULT 1
);

CREATE TABLE users (
    id              BIGSERIAL PRIMARY KEY,
    email           VARCHAR(254) NOT NULL,
    password_hash   VARCHAR(255) NOT NULL,
    display_name    VARCHAR(60)  NOT NULL,
    role            VARCHAR(16)  NOT NULL CHECK (role IN ('provider', 'government', 'buyer', 'admin')),
    organization_id BIGINT REFERENCES organizations (id),
    created_at      TIMESTAMPTZ  NOT NULL DEFAULT now(),
    CHECK (role = 'admin' OR organization_id IS NOT NULL)
);
CREATE UNIQUE INDEX users_email_key ON users (lower(email));
CREATE INDEX users_organization_idx ON users (organization_id);

-- Tokens revoked by logout, kept until they would have expired anyway.
CREATE TABLE revoked_tokens (
    jti        UUID PRIMARY KEY,
    expires_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE solutions (
    id                BIGSERIAL PRIMARY KEY,
    source_ref        VARCHAR(100) UNIQUE,
    organization_id   BIGINT        NOT NULL REFERENCES organizations (id),
    title             VARCHAR(120)  NOT NULL,
    summary           VARCHAR(200)  NOT NULL DEFAULT '',
    description       VARCHAR(5000) NOT NULL,
    domains           TEXT[]        NOT NULL,
    track             VARCHAR(20)   NOT NULL CHECK (track IN ('信创硬件制造', '复杂算法软件研发', '模型训练与数据服务')),
    tags              TEXT[]        NOT NULL DEFAULT '{}',
    maturity          VARCHAR(10)   NOT NULL CHECK (maturity IN ('规模化应用', '试点应用', '原型验证')),
    region            VARCHAR(60)   NOT NULL DEFAULT '',
    cases             TEXT[]        NOT NULL DEFAULT '{}',
    price_range       VARCHAR(60)   NOT NULL DEFAULT '',
    status            VARCHAR(16)   NOT NULL CHECK (status IN ('draft', 'pending', 'published', 'rejected', 'archived')),
    moderation_reason VARCHAR(500),
    created_at        TIMESTAMPTZ   NOT NULL DEFAULT now(),
    updated_at        TIMESTAMPTZ   NOT NULL DEFAULT now(),
    version           INTEGER       NOT NULL DEFAULT 1,
    CHECK (cardinality(domains) BETWEEN 1 AND 2)
);
CREATE INDEX solutions_organization_idx ON solutions (organization_id);
CREATE INDEX solutions_status_idx ON solutions (status, updated_at DESC);

CREATE TABLE postings (
    id                BIGSERIAL PRIMARY KEY,
    source_ref        VARCHAR(100) UNIQUE,
    kind              VARCHAR(10)   NOT NULL CHECK (kind IN ('challenge', 'demand')),
    organization_id   BIGINT        NOT NULL REFERENCES organizations (id),
    title             VARCHAR(120)  NOT NULL,
    description       VARCHAR(5000) NOT NULL,
    domain            VARCHAR(10)   NOT NULL CHECK (domain IN ('智能家居', '工业智能', '智慧城市', '智慧金融', '生命健康', '空天地海')),
    budget_wan        BIGINT        NOT NULL DEFAULT 0 CHECK (budget_wan >= 0),
    deadline          DATE,
    requirements      TEXT[]        NOT NULL DEFAULT '{}',
    region            VARCHAR(60)   NOT NULL DEFAULT '',
    status            VARCHAR(16)   NOT NULL CHECK (status IN ('draft', 'pending', 'open', 'closed', 'rejected', 'archived')),
    moderation_reason VARCHAR(500),
    created_at        TIMESTAMPTZ   NOT NULL DEFAULT now(),
    updated_at        TIMESTAMPTZ   NOT NULL DEFAULT now(),
    version           INTEGER       NOT NULL DEFAULT 1
);
CREATE INDEX postings_organization_idx ON postings (organization_id);
CREATE INDEX postings_status_idx ON postings (status, deadline);

-- Every change that search must reflect, written in the same transaction as the change itself
-- (by the triggers below), so that index replicas can follow it in order.
CREATE TABLE outbox (
    id          BIGSERIAL PRIMARY KEY,
    entity      VARCHAR(16) NOT NULL CHECK (entity IN ('solution', 'posting', 'organization')),
    entity_id   BIGINT      NOT NULL,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);

CREATE FUNCTION outbox_record_change() RETURNS trigger AS $$
BEGIN
    INSERT INTO outbox (entity, entity_id) VALUES (TG_ARGV[0], COALESCE(NEW.id, OLD.id));
    PERFORM pg_notify('outbox', TG_ARGV[0]);
    RETURN NULL;
END;
$$ LANGUAGE plpgsql;

CREATE TRIGGER solutions_outbox AFTER INSERT OR UPDATE OR DELETE ON solutions
    FOR EACH ROW EXECUTE FUNCTION outbox_record_change('solution');
CREATE TRIGGER postings_outbox AFTER INSERT OR UPDATE OR DELETE ON postings
    FOR EACH ROW EXECUTE FUNCTION outbox_record_change('posting');
CREATE TRIGGER organizations_outbox AFTER UPDATE OF name, verified, region ON organizations
    FOR EACH ROW EXECUTE FUNCTION outbox_record_change('organization');

CREATE TABLE audit_log (
    id          BIGSERIAL PRIMARY KEY,
    actor_id    BIGINT REFERENCES users (id),
    action      VARCHAR(40) NOT NULL,
    entity      VARCHAR(16) NOT NULL,
    entity_id   BIGINT,
    detail      JSONB       NOT NULL DEFAULT '{}',
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX audit_log_entity_idx ON audit_log (entity, entity_id);
