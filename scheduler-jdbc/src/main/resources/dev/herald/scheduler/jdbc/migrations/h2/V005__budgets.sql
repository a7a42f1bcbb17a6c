-- Herald schema version 4 (H2 2.2+). Rolling budgets (JobStore.takeBudget): a row per budget,
-- which every take of that budget locks, so that two nodes never both take its last use; and a row
-- per use, with the job it belongs to and its time. A take deletes its budget's uses that left the
-- window, so a budget keeps about as many rows as its limit.
CREATE TABLE ${prefix}budgets (
  name VARCHAR(191) NOT NULL PRIMARY KEY
);

CREATE TABLE ${prefix}budget_uses (
  budget  VARCHAR(191) NOT NULL,
  use_id  VARCHAR(191) NOT NULL,
  job_id  VARCHAR(191) NOT NULL,
  used_at TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  PRIMARY KEY (budget, use_id)
);
CREATE INDEX ${prefix}budget_uses_time ON ${prefix}budget_uses (budget, used_at);
