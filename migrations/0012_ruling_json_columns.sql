-- A ruling's JSON values (facts, evidence, trace, author, context, labels) are stored as `json`, not `jsonb`, and
-- the writer sends its rows as one `json` parameter (json_populate_recordset). Parsing the flush's parameter into
-- jsonb, sorting every object's keys and re-encoding each value was ~26% of PostgreSQL's CPU per durable ruling
-- (bench/ruling-writes.ts perf=FILE); `json` is checked once and kept as the text sent. Nothing in SQL reads into
-- these values (they are read whole, by the service), so no query or index needs jsonb.
--
-- What changes for a reader: the same JSON values; an object's keys come back in the order mores wrote them
-- (rulings written before this migration keep jsonb's order: shorter keys first). JSON objects are unordered.
--
-- Cost on upgrade: a type change rewrites every month's partition of rulings (an ACCESS EXCLUSIVE lock for the
-- rewrite: about the time a full table copy takes). Rulings recorded meanwhile wait for it.
ALTER TABLE "rulings"
  ALTER COLUMN "facts" SET DATA TYPE json USING "facts"::json,
  ALTER COLUMN "evidence" SET DATA TYPE json USING "evidence"::json,
  ALTER COLUMN "trace" SET DATA TYPE json USING "trace"::json,
  ALTER COLUMN "author" SET DATA TYPE json USING "author"::json,
  ALTER COLUMN "context" SET DATA TYPE json USING "context"::json,
  ALTER COLUMN "labels" SET DATA TYPE json USING "labels"::json;
