-- Issue 5: COLLECT (access and export) and WITHDRAW. A COLLECT's result carries what rights-service acknowledged of
-- the uploaded part: counts, size, checksum and category names, never the data itself. Kept here so that a
-- redelivered task that is already done publishes the same result again.
ALTER TABLE task_execution
    ADD COLUMN collected_records    bigint CHECK (collected_records >= 0),
    ADD COLUMN collected_bytes      bigint CHECK (collected_bytes >= 0),
    ADD COLUMN collected_sha256     char(64) CHECK (collected_sha256 ~ '^[0-9a-f]{64}$'),
    -- JSON array of the category names the part holds
    ADD COLUMN collected_categories text,
    ADD CONSTRAINT task_execution_collected_check
        CHECK ((collected_records IS NULL) = (collected_bytes IS NULL)
               AND (collected_records IS NULL) = (collected_sha256 IS NULL));
