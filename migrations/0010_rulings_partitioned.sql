-- Rulings and their per-norm outcomes become monthly range partitions, so the table's size no longer weighs on
-- the month being written, and retention drops whole months (DROP of a partition) instead of deleting rows.
--
-- The partition key is the ruling id. Its first ten characters after `rul_` are the creation millisecond in
-- Crockford base32 (src/lib/ids.ts; created_at is the same instant), so a range of ids is a range of creation
-- times, and byte order ("C" collation) is time order. Keying on the id rather than on created_at keeps the
-- primary key `id` alone: ids stay unique across every month, and appeals, review events, pending judgments and
-- outcomes keep their foreign keys to rulings(id) — PostgreSQL then refuses to drop a month that any of them
-- still points into. The listing's order and cursor are the id, so a cursor page skips newer months outright.
--
-- A unique index on a partitioned table must contain the partition key, so the two replay keys (idempotency
-- key; content id with its hash) are unique per month, on each partition. The writer finds earlier rulings by
-- those keys in `ruling_replay_keys`, one unpartitioned table filled by a trigger (a lookup in every month's
-- indexes cost 20-40x more with twelve months kept); only two processes racing on the same key across a month's
-- boundary, within the same milliseconds, could record it twice.
-- The lowest ruling id created at or after `at`: `rul_` and its millisecond in the ids' base32.
CREATE OR REPLACE FUNCTION mores_ruling_id_floor(at timestamptz) RETURNS text AS $$
DECLARE
  alphabet constant text := '0123456789abcdefghjkmnpqrstvwxyz';
  t bigint := floor(extract(epoch FROM at) * 1000)::bigint;
  code text := '';
BEGIN
  FOR i IN 1..10 LOOP
    code := substr(alphabet, (t % 32)::int + 1, 1) || code;
    t := t / 32;
  END LOOP;
  RETURN 'rul_' || code;
END;
$$ LANGUAGE plpgsql IMMUTABLE STRICT;
--> statement-breakpoint
-- Creates the monthly partitions of rulings and ruling_norms for `months` months from the month of `start`
-- (UTC), with their per-month unique replay keys and TRUNCATE guards; months that exist are left alone. A month
-- whose rulings already landed in the default partition is skipped (they stay there, found by every query).
-- Returns how many months it created. Safe to call concurrently (an advisory lock serialises callers).
CREATE OR REPLACE FUNCTION mores_ensure_ruling_partitions(start timestamptz, months integer) RETURNS integer AS $$
DECLARE
  first timestamp := date_trunc('month', start AT TIME ZONE 'UTC');
  lo text;
  hi text;
  part text;
  made integer := 0;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('mores_ruling_partitions'));
  FOR i IN 0..months - 1 LOOP
    part := to_char(first + make_interval(months => i), 'YYYYMM');
    CONTINUE WHEN to_regclass('rulings_p' || part) IS NOT NULL;
    lo := mores_ruling_id_floor((first + make_interval(months => i)) AT TIME ZONE 'UTC');
    hi := mores_ruling_id_floor((first + make_interval(months => i + 1)) AT TIME ZONE 'UTC');
    CONTINUE WHEN EXISTS (SELECT 1 FROM rulings_default WHERE id >= lo AND id < hi)
      OR EXISTS (SELECT 1 FROM ruling_norms_default WHERE ruling_id >= lo AND ruling_id < hi);
    EXECUTE format('CREATE TABLE %I PARTITION OF rulings FOR VALUES FROM (%L) TO (%L)', 'rulings_p' || part, lo, hi);
    EXECUTE format('CREATE TABLE %I PARTITION OF ruling_norms FOR VALUES FROM (%L) TO (%L)',
      'ruling_norms_p' || part, lo, hi);
    PERFORM mores_guard_ruling_partition('rulings_p' || part, 'ruling_norms_p' || part);
    made := made + 1;
  END LOOP;
  RETURN made;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- What every month's partition carries beyond the partitioned indexes: the replay keys, unique within the month,
-- and TRUNCATE refused (statement triggers on the parent do not fire for a partition truncated by name).
CREATE OR REPLACE FUNCTION mores_guard_ruling_partition(part text, norms_part text) RETURNS void AS $$
BEGIN
  EXECUTE format('CREATE UNIQUE INDEX %I ON %I (community_id, idempotency_key) WHERE idempotency_key IS NOT NULL',
    part || '_idempotency_key', part);
  EXECUTE format('CREATE UNIQUE INDEX %I ON %I (community_id, content_id, content_hash) '
    'WHERE content_id IS NOT NULL AND origin = ''evaluation''', part || '_content', part);
  EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION mores_reject_change()',
    part || '_no_truncate', part);
  EXECUTE format('CREATE TRIGGER %I BEFORE TRUNCATE ON %I FOR EACH STATEMENT EXECUTE FUNCTION mores_reject_change()',
    norms_part || '_no_truncate', norms_part);
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
-- Retention: drops every month of rulings (and their outcomes) that ended before the month `retain_months` before
-- `now_at` (UTC), whole, as partitions. A month is kept, and said why, while one of its rulings can still be
-- appealed, a precedent cites one, or an appeal, review event or pending judgment points into it (the foreign
-- keys refuse the detach). Rows are never deleted; the default partition is never dropped.
CREATE OR REPLACE FUNCTION mores_drop_ruling_months(now_at timestamptz, retain_months integer)
RETURNS TABLE (month text, dropped boolean, kept_because text) AS $$
DECLARE
  cutoff text := mores_ruling_id_floor(
    (date_trunc('month', now_at AT TIME ZONE 'UTC') - make_interval(months => retain_months)) AT TIME ZONE 'UTC');
  start timestamp;
  lo text;
  hi text;
  part text;
BEGIN
  PERFORM pg_advisory_xact_lock(hashtext('mores_ruling_partitions'));
  FOR part IN SELECT substr(c.relname, 10) FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
      WHERE i.inhparent = 'rulings'::regclass AND c.relname ~ '^rulings_p[0-9]{6}$' ORDER BY c.relname LOOP
    start := to_date(part, 'YYYYMM')::timestamp;
    lo := mores_ruling_id_floor(start AT TIME ZONE 'UTC');
    hi := mores_ruling_id_floor((start + interval '1 month') AT TIME ZONE 'UTC');
    CONTINUE WHEN hi > cutoff;
    month := to_char(start, 'YYYY-MM');
    dropped := false;
    IF EXISTS (SELECT 1 FROM rulings r WHERE r.id >= lo AND r.id < hi AND r.appeal_until > now_at) THEN
      kept_because := 'a ruling of this month can still be appealed';
    ELSIF EXISTS (SELECT 1 FROM precedents p WHERE p.ruling_id COLLATE "C" >= lo AND p.ruling_id COLLATE "C" < hi) THEN
      kept_because := 'a precedent cites a ruling of this month';
    ELSE
      BEGIN
        EXECUTE format('ALTER TABLE ruling_norms DETACH PARTITION %I', 'ruling_norms_p' || part);
        EXECUTE format('DROP TABLE %I', 'ruling_norms_p' || part);
        EXECUTE format('ALTER TABLE rulings DETACH PARTITION %I', 'rulings_p' || part);
        EXECUTE format('DROP TABLE %I', 'rulings_p' || part);
        DELETE FROM ruling_replay_keys k WHERE k.ruling_id >= lo AND k.ruling_id < hi;
        dropped := true;
        kept_because := null;
      EXCEPTION WHEN foreign_key_violation THEN
        kept_because := SQLERRM;
      END;
    END IF;
    RETURN NEXT;
  END LOOP;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
ALTER TABLE "ruling_norms" DROP CONSTRAINT "ruling_norms_ruling_id_rulings_id_fk";--> statement-breakpoint
ALTER TABLE "appeals" DROP CONSTRAINT "appeals_ruling_id_rulings_id_fk";--> statement-breakpoint
ALTER TABLE "review_events" DROP CONSTRAINT "review_events_ruling_id_rulings_id_fk";--> statement-breakpoint
ALTER TABLE "pending_judgments" DROP CONSTRAINT "pending_judgments_ruling_id_rulings_id_fk";--> statement-breakpoint
ALTER TABLE "rulings" RENAME TO "rulings_unpartitioned";--> statement-breakpoint
ALTER TABLE "rulings_unpartitioned" DROP CONSTRAINT "rulings_pkey";--> statement-breakpoint
DROP INDEX "rulings_idempotency_key", "rulings_content", "rulings_community_created", "rulings_community_decision",
  "rulings_community_content", "rulings_supersedes";--> statement-breakpoint
ALTER TABLE "ruling_norms" RENAME TO "ruling_norms_unpartitioned";--> statement-breakpoint
ALTER TABLE "ruling_norms_unpartitioned" DROP CONSTRAINT "ruling_norms_ruling_id_norm_id_pk";--> statement-breakpoint
DROP INDEX "ruling_norms_community_norm";--> statement-breakpoint
CREATE TABLE "rulings" (
	"id" text COLLATE "C" NOT NULL,
	"community_id" text NOT NULL,
	"norm_set_version" integer NOT NULL,
	"decision" text NOT NULL,
	"content_id" text,
	"content_kind" text,
	"content_hash" text NOT NULL,
	"content_text" text,
	"request_hash" text NOT NULL,
	"idempotency_key" text,
	"author" jsonb,
	"context" jsonb,
	"facts" jsonb NOT NULL,
	"evidence" jsonb NOT NULL,
	"trace" jsonb NOT NULL,
	"origin" text NOT NULL,
	"supersedes" text,
	"created_at" timestamp with time zone NOT NULL,
	"appeal_until" timestamp with time zone NOT NULL,
	"status" text DEFAULT 'final' NOT NULL,
	"language" text,
	"labels" jsonb,
	CONSTRAINT "rulings_pkey" PRIMARY KEY ("id")
) PARTITION BY RANGE ("id");
--> statement-breakpoint
CREATE TABLE "ruling_norms" (
	"ruling_id" text COLLATE "C" NOT NULL,
	"community_id" text NOT NULL,
	"norm_id" text NOT NULL,
	"norm_version" integer NOT NULL,
	"title" text NOT NULL,
	"outcome" text NOT NULL,
	"exception" text,
	"candidates" jsonb,
	"cause" text,
	"action" text NOT NULL,
	"severity" text NOT NULL,
	"position" integer NOT NULL,
	"judgment" jsonb,
	CONSTRAINT "ruling_norms_ruling_id_norm_id_pk" PRIMARY KEY ("ruling_id", "norm_id")
) PARTITION BY RANGE ("ruling_id");
--> statement-breakpoint
-- Ids outside every month (not yet created, or not time-ordered) land here: an insert never fails for want of a
-- partition. Retention never drops it.
CREATE TABLE "rulings_default" PARTITION OF "rulings" DEFAULT;--> statement-breakpoint
CREATE TABLE "ruling_norms_default" PARTITION OF "ruling_norms" DEFAULT;--> statement-breakpoint
SELECT mores_guard_ruling_partition('rulings_default', 'ruling_norms_default');--> statement-breakpoint
-- The listings read newest first by id: latest page, by decision (the review queue too), by content id.
CREATE INDEX "rulings_community_id" ON "rulings" USING btree ("community_id", "id");--> statement-breakpoint
CREATE INDEX "rulings_community_decision" ON "rulings" USING btree ("community_id", "decision", "id");--> statement-breakpoint
CREATE INDEX "rulings_community_created" ON "rulings" USING btree ("community_id", "created_at", "id");--> statement-breakpoint
CREATE INDEX "rulings_community_content" ON "rulings" USING btree ("community_id", "content_id", "id")
  WHERE "content_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "rulings_supersedes" ON "rulings" USING btree ("supersedes") WHERE "supersedes" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "ruling_norms_community_norm" ON "ruling_norms" USING btree ("community_id", "norm_id", "ruling_id");--> statement-breakpoint
ALTER TABLE "rulings" ADD CONSTRAINT "rulings_community_id_communities_id_fk" FOREIGN KEY ("community_id")
  REFERENCES "public"."communities"("id");--> statement-breakpoint
ALTER TABLE "ruling_norms" ADD CONSTRAINT "ruling_norms_ruling_id_rulings_id_fk" FOREIGN KEY ("ruling_id")
  REFERENCES "public"."rulings"("id");--> statement-breakpoint
CREATE TRIGGER rulings_append_only BEFORE UPDATE OR DELETE ON rulings
  FOR EACH ROW EXECUTE FUNCTION mores_reject_change();--> statement-breakpoint
CREATE TRIGGER rulings_no_truncate BEFORE TRUNCATE ON rulings
  FOR EACH STATEMENT EXECUTE FUNCTION mores_reject_change();--> statement-breakpoint
CREATE TRIGGER ruling_norms_append_only BEFORE UPDATE OR DELETE ON ruling_norms
  FOR EACH ROW EXECUTE FUNCTION mores_reject_change();--> statement-breakpoint
CREATE TRIGGER ruling_norms_no_truncate BEFORE TRUNCATE ON ruling_norms
  FOR EACH STATEMENT EXECUTE FUNCTION mores_reject_change();--> statement-breakpoint
-- Where the writer looks up the replay keys of earlier rulings (ruling-writer.ts `existing`): one row per ruling
-- with an idempotency key or an evaluated content id, written by the same statement as the ruling.
CREATE TABLE "ruling_replay_keys" (
	"ruling_id" text COLLATE "C" NOT NULL,
	"community_id" text NOT NULL,
	"idempotency_key" text,
	"content_id" text
);
--> statement-breakpoint
CREATE INDEX "ruling_replay_keys_idempotency" ON "ruling_replay_keys" USING btree ("community_id", "idempotency_key")
  WHERE "idempotency_key" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "ruling_replay_keys_content" ON "ruling_replay_keys" USING btree ("community_id", "content_id")
  WHERE "content_id" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "ruling_replay_keys_ruling" ON "ruling_replay_keys" USING btree ("ruling_id");--> statement-breakpoint
CREATE OR REPLACE FUNCTION mores_record_replay_keys() RETURNS trigger AS $$
BEGIN
  INSERT INTO ruling_replay_keys (ruling_id, community_id, idempotency_key, content_id)
  SELECT id, community_id, idempotency_key, CASE WHEN origin = 'evaluation' THEN content_id END
  FROM inserted_rulings
  WHERE idempotency_key IS NOT NULL OR (content_id IS NOT NULL AND origin = 'evaluation');
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER rulings_replay_keys AFTER INSERT ON rulings REFERENCING NEW TABLE AS inserted_rulings
  FOR EACH STATEMENT EXECUTE FUNCTION mores_record_replay_keys();--> statement-breakpoint
-- Every month that holds a ruling, then this month and the next three, before the rows are carried over.
SELECT mores_ensure_ruling_partitions(m, 1)
  FROM (SELECT DISTINCT date_trunc('month', created_at AT TIME ZONE 'UTC') AT TIME ZONE 'UTC' AS m
        FROM rulings_unpartitioned) months;--> statement-breakpoint
SELECT mores_ensure_ruling_partitions(now(), 4);--> statement-breakpoint
INSERT INTO "rulings" SELECT * FROM "rulings_unpartitioned";--> statement-breakpoint
INSERT INTO "ruling_norms" SELECT * FROM "ruling_norms_unpartitioned";--> statement-breakpoint
DROP TABLE "ruling_norms_unpartitioned";--> statement-breakpoint
DROP TABLE "rulings_unpartitioned";--> statement-breakpoint
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_ruling_id_rulings_id_fk" FOREIGN KEY ("ruling_id")
  REFERENCES "public"."rulings"("id");--> statement-breakpoint
ALTER TABLE "review_events" ADD CONSTRAINT "review_events_ruling_id_rulings_id_fk" FOREIGN KEY ("ruling_id")
  REFERENCES "public"."rulings"("id");--> statement-breakpoint
ALTER TABLE "pending_judgments" ADD CONSTRAINT "pending_judgments_ruling_id_rulings_id_fk" FOREIGN KEY ("ruling_id")
  REFERENCES "public"."rulings"("id");
