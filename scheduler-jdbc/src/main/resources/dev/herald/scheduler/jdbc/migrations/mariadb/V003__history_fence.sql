-- Herald schema version 3 (MariaDB 10.6+ / MySQL 8.0.1+). Each history row records the fencing
-- token of the claim it completed, so that a completion re-submitted after an ambiguous commit is
-- recognised as applied even when the job was claimed and completed again in between (a recurring
-- job). Older rows have none.
ALTER TABLE ${prefix}job_history ADD COLUMN fence BIGINT;
CREATE INDEX ${prefix}job_history_fence ON ${prefix}job_history (job_id, fence);
