-- Herald schema version 2 (H2 2.2+). An index in the claim query's order (priority descending,
-- then due time, then id), so that a claim reads only the rows it takes instead of sorting every
-- due row: with a backlog of due jobs a claim stays cheap and concurrent claimers do not collide.
CREATE INDEX ${prefix}jobs_claim ON ${prefix}jobs (status, priority DESC, next_run_at, id);
