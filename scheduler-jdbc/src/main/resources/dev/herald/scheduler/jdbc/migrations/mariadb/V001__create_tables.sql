-- Herald schema version 1 (MariaDB 10.6+ / MySQL 8.0.1+). Instants are DATETIME(6) holding UTC;
-- TIMESTAMP is avoided: it converts through the session time zone and ends in 2038.
CREATE TABLE ${prefix}jobs (
  id              VARCHAR(191)  NOT NULL PRIMARY KEY,
  type            VARCHAR(191)  NOT NULL,
  status          VARCHAR(16)   NOT NULL,
  trigger_spec    VARCHAR(1000) NOT NULL,
  payload         LONGTEXT,
  priority        INT           NOT NULL,
  misfire_spec    VARCHAR(100)  NOT NULL,
  unique_key      VARCHAR(191),
  next_run_at     DATETIME(6),
  fire_at         DATETIME(6),
  attempt         INT           NOT NULL,
  fence           BIGINT        NOT NULL,
  completed_fence BIGINT,
  lease_owner     VARCHAR(191),
  lease_until     DATETIME(6),
  pending_action  VARCHAR(16),
  last_error      LONGTEXT,
  created_at      DATETIME(6) NOT NULL,
  updated_at      DATETIME(6) NOT NULL,
  CONSTRAINT ${prefix}jobs_unique_key UNIQUE (unique_key)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ${prefix}jobs_due ON ${prefix}jobs (status, next_run_at);
CREATE INDEX ${prefix}jobs_lease ON ${prefix}jobs (status, lease_until);
CREATE INDEX ${prefix}jobs_updated ON ${prefix}jobs (status, updated_at);

CREATE TABLE ${prefix}job_steps (
  job_id     VARCHAR(191) NOT NULL,
  name       VARCHAR(191) NOT NULL,
  step_value LONGTEXT     NOT NULL,
  PRIMARY KEY (job_id, name)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE ${prefix}job_history (
  id           BIGINT       NOT NULL AUTO_INCREMENT PRIMARY KEY,
  job_id       VARCHAR(191) NOT NULL,
  type         VARCHAR(191) NOT NULL,
  attempt      INT          NOT NULL,
  scheduled_at DATETIME(6) NOT NULL,
  started_at   DATETIME(6),
  finished_at  DATETIME(6) NOT NULL,
  outcome      VARCHAR(16)  NOT NULL,
  error        LONGTEXT,
  node         VARCHAR(191) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ${prefix}job_history_job ON ${prefix}job_history (job_id, id);
CREATE INDEX ${prefix}job_history_finished ON ${prefix}job_history (finished_at);

CREATE TABLE ${prefix}locks (
  name       VARCHAR(191) NOT NULL PRIMARY KEY,
  owner      VARCHAR(191),
  token      BIGINT       NOT NULL,
  expires_at DATETIME(6) NOT NULL
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
