-- Demonstration scenarios (示范场景): one per call accepted (已验收) or demand landed (已落地), created in the
-- transaction of that move. What the posting and its winners were at that moment is copied (the problem, district,
-- domain, tracks, consortium and solutions); the issuer then edits the title, the story, the before/after indicators
-- and the pictures.
CREATE TABLE scenarios (
    id              BIGSERIAL PRIMARY KEY,
    posting_id      BIGINT        NOT NULL UNIQUE REFERENCES postings (id),
    organization_id BIGINT        NOT NULL REFERENCES organizations (id),
    kind            VARCHAR(10)   NOT NULL CHECK (kind IN ('challenge', 'demand')),
    title           VARCHAR(120)  NOT NULL,
    problem         VARCHAR(5000) NOT NULL,
    district        VARCHAR(60)   NOT NULL DEFAULT '',
    domain          VARCHAR(10)   NOT NULL,
    tracks          TEXT[]        NOT NULL DEFAULT '{}',
    year            INTEGER       NOT NULL,
    accepted_at     TIMESTAMPTZ   NOT NULL,
    summary         VARCHAR(2000) NOT NULL DEFAULT '',
    -- [{name, before, after, unit}], at most 10 (checked by the service)
    indicators      JSONB         NOT NULL DEFAULT '[]',
    -- the lead first, then the confirmed partners; or the organization whose response landed
    consortium_ids  BIGINT[]      NOT NULL DEFAULT '{}',
    solution_ids    BIGINT[]      NOT NULL DEFAULT '{}',
    created_at      TIMESTAMPTZ   NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ   NOT NULL DEFAULT now(),
    version         INTEGER       NOT NULL DEFAULT 1
);
CREATE INDEX scenarios_accepted_idx ON scenarios (accepted_at DESC, id DESC);
CREATE INDEX scenarios_consortium_idx ON scenarios USING gin (consortium_ids);
CREATE INDEX scenarios_solutions_idx ON scenarios USING gin (solution_ids);

-- Pictures of a scenario, re-encoded without metadata (at most 8 a scenario, checked under a lock on the scenario).
CREATE TABLE scenario_images (
    id           BIGSERIAL PRIMARY KEY,
    scenario_id  BIGINT       NOT NULL REFERENCES scenarios (id),
    caption      VARCHAR(100) NOT NULL DEFAULT '',
    content_type VARCHAR(20)  NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png')),
    data         BYTEA        NOT NULL,
    thumbnail    BYTEA        NOT NULL,
    width        INTEGER      NOT NULL,
    height       INTEGER      NOT NULL,
    sha256       CHAR(64)     NOT NULL,
    created_by   BIGINT REFERENCES users (id),
    created_at   TIMESTAMPTZ  NOT NULL DEFAULT now()
);
CREATE INDEX scenario_images_scenario_idx ON scenario_images (scenario_id, id);

-- The snapshot of a posting as a scenario, accepted at p_at; nothing when it has one already.
CREATE FUNCTION create_scenario(p_posting BIGINT, p_at TIMESTAMPTZ) RETURNS void LANGUAGE sql AS $$
INSERT INTO scenarios (posting_id, organization_id, kind, title, problem, district, domain, tracks, year, accepted_at,
                       indicators, consortium_ids, solution_ids)
SELECT p.id, p.organization_id, p.kind, p.title, p.description, p.region, p.domain,
       coalesce((SELECT array_agg(DISTINCT so.track ORDER BY so.track) FROM solutions so WHERE so.id = ANY (w.solution_ids)), '{}'),
       extract(YEAR FROM p_at AT TIME ZONE 'Asia/Shanghai')::int, p_at,
       -- "after" starts as the value measured in the latest accepted milestone report of a call (the issuer edits it)
       coalesce((SELECT jsonb_agg(jsonb_build_object('name', left(x.r, 60), 'before', '', 'unit', '', 'after',
                     coalesce(left((SELECT e ->> 'value' FROM milestones m
                                    JOIN milestone_reports mr ON mr.milestone_id = m.id AND mr.status = 'accepted'
                                    CROSS JOIN jsonb_array_elements(mr.indicators) e
                                    WHERE m.posting_id = p.id AND e ->> 'requirement' = x.r
                                    ORDER BY mr.decided_at DESC, mr.id DESC LIMIT 1), 40), '')) ORDER BY x.ord)
                 FROM unnest(p.requirements[1:10]) WITH ORDINALITY AS x(r, ord)), '[]'::jsonb),
       w.orgs, w.solution_ids
FROM postings p
CROSS JOIN LATERAL (
    SELECT coalesce((SELECT array_agg(o.org ORDER BY o.ord) FROM (
               SELECT DISTINCT ON (u.org) u.org, u.ord FROM (
                   SELECT a.lead_org_id AS org, a.id * 10 AS ord FROM applications a
                   WHERE p.kind = 'challenge' AND a.posting_id = p.id AND a.status = 'awarded'
                   UNION ALL
                   SELECT ap.organization_id, a.id * 10 + 1 FROM applications a
                   JOIN application_partners ap ON ap.application_id = a.id AND ap.confirmed_at IS NOT NULL
                   WHERE p.kind = 'challenge' AND a.posting_id = p.id AND a.status = 'awarded'
                   UNION ALL
                   SELECT r.organization_id, 0 FROM demand_responses r
                   WHERE p.kind = 'demand' AND r.posting_id = p.id AND r.status IN ('pilot', 'landed')
               ) u ORDER BY u.org, u.ord) o), '{}') AS orgs,
           coalesce((SELECT array_agg(DISTINCT sid) FROM (
               SELECT unnest(a.solution_ids) AS sid FROM applications a
               WHERE p.kind = 'challenge' AND a.posting_id = p.id AND a.status = 'awarded'
               UNION ALL
               SELECT unnest(r.solution_ids) FROM demand_responses r
               WHERE p.kind = 'demand' AND r.posting_id = p.id AND r.status IN ('pilot', 'landed')
           ) s JOIN solutions so ON so.id = s.sid), '{}') AS solution_ids
) w
WHERE p.id = p_posting
ON CONFLICT (posting_id) DO NOTHING
$$;

-- What already landed (or was accepted) before the showcase existed becomes a scenario, dated by its move.
SELECT create_scenario(p.id, coalesce((SELECT max(e.created_at) FROM posting_events e
                                       WHERE e.posting_id = p.id AND e.to_status = p.status), p.updated_at))
FROM postings p WHERE p.status IN ('accepted', 'landed');
