-- Linked causes on error events, and the claim index for the states followed on GitHub.

-- Linked causes (direct cause first), each {type, value, frames}: often where the bug is.
alter table healing.error_events add column causes jsonb not null default '[]';

-- The claim query also follows proposed missions (a pull request under review) and regressed
-- ones (a revert in flight) on GitHub.
drop index healing.auto_fixes_claim_idx;
create index auto_fixes_claim_idx on healing.auto_fixes (next_attempt_at)
  where state in ('detected', 'diagnosing', 'fixing', 'validating', 'proposed', 'applied', 'watching', 'regressed');
