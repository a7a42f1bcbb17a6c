-- Herald schema version 2 (MariaDB 10.8+ / MySQL 8.0.1+ honour DESC). An index in the claim
-- query's order (priority descending, then due time, then id). Without it InnoDB sorts every due
-- row and, under FOR UPDATE, locks them all: one claimer held every due job and the others' SKIP
-- LOCKED claims came back empty. With it a claim reads and locks only the rows it takes.
CREATE INDEX ${prefix}jobs_claim ON ${prefix}jobs (status, priority DESC, next_run_at, id);
