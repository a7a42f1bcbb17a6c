-- Herald schema version 2 (PostgreSQL 12+). An index in the claim query's order (priority
-- descending, then due time, then id), so that a claim with a backlog of due jobs reads only the
-- rows it takes instead of sorting every due row. The planner still uses jobs_due when few rows
-- are due.
CREATE INDEX ${prefix}jobs_claim ON ${prefix}jobs (status, priority DESC, next_run_at, id);
