-- From delivery to demonstration scenario: a call in delivery (攻关中) goes to acceptance (验收中) when its issuer asks
-- for it, and from there to accepted (已验收, a demonstration scenario), back to delivery with the panel's findings,
-- or to failed (验收未通过, closed as failed). 'landed' stays allowed for calls that landed before acceptance existed.
ALTER TABLE postings DROP CONSTRAINT postings_status_check;
ALTER TABLE postings ADD CONSTRAINT postings_status_check CHECK (status IN (
    'draft', 'pending', 'open', 'closed', 'rejected', 'archived',
    'review', 'shortlisted', 'awarded', 'result_published', 'in_delivery', 'acceptance', 'accepted', 'failed',
    'landed', 'unawarded', 'in_talks', 'pilot'));
ALTER TABLE postings DROP CONSTRAINT postings_status_kind_check;
ALTER TABLE postings ADD CONSTRAINT postings_status_kind_check CHECK (
    (kind = 'challenge' AND status NOT IN ('in_talks', 'pilot'))
    OR (kind = 'demand' AND status NOT IN ('review', 'shortlisted', 'awarded', 'result_published', 'in_delivery',
                                           'acceptance', 'accepted', 'failed', 'unawarded')));
