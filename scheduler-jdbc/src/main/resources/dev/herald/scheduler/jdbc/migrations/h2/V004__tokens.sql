-- Herald schema version 4 (H2 2.2+). The credentials of each account (JdbcTokenStore): one row per
-- platform, instance ('' for a platform with one service: NULL is not portable in a primary key)
-- and account. The credentials are encrypted (AES-256-GCM) with the key named by key_id; version
-- is bumped by every write that changes them (compare-and-set); refresh_owner and refresh_until
-- are the lease of the caller refreshing them, judged by the database's clock.
CREATE TABLE ${prefix}tokens (
  platform      VARCHAR(191) NOT NULL,
  instance      VARCHAR(191) NOT NULL,
  account       VARCHAR(191) NOT NULL,
  key_id        VARCHAR(64)  NOT NULL,
  secret        VARBINARY    NOT NULL,
  version       BIGINT       NOT NULL,
  refresh_owner VARCHAR(191),
  refresh_until TIMESTAMP(6) WITH TIME ZONE,
  updated_at    TIMESTAMP(6) WITH TIME ZONE NOT NULL,
  PRIMARY KEY (platform, instance, account)
);
CREATE INDEX ${prefix}tokens_key_id ON ${prefix}tokens (key_id);
