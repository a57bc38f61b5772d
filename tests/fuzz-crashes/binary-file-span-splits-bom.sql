Add up migration script šš
CREATE TABLE
  kv ŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠŠ(
    namespace TEXT NOT NULL,
    key TEXT NOT NULL,
    value TE2XT NOT NULL,
    inserted_at INTEGER NOT NULL DEFAULT (strftime ('%s', 'now'))
  );

CREATE INDEX idx_kv_namespace ON kv (namespace);

CREATE UNIQUE INDEX idx_kv ON kv (namespace, key);
