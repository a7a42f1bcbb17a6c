-- Herald schema version 4 (MariaDB 10.6+ / MySQL 8.0.1+). Rolling budgets (JobStore.takeBudget):
-- a row per budget, which every take of that budget locks, so that two nodes never both take its
-- last use; and a row per use, with the job it belongs to and its time (UTC). A take deletes its
-- budget's uses that left the window, so a budget keeps about as many rows as its limit.
CREATE TABLE ${prefix}budgets (
  name VARCHAR(191) NOT NULL PRIMARY KEY
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;

CREATE TABLE ${prefix}budget_uses (
  budget  VARCHAR(191) NOT NULL,
  use_id  VARCHAR(191) NOT NULL,
  job_id  VARCHAR(191) NOT NULL,
  used_at DATETIME(6)  NOT NULL,
  PRIMARY KEY (budget, use_id)
) ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_bin;
CREATE INDEX ${prefix}budget_uses_time ON ${prefix}budget_uses (budget, used_at);
