-- What PostgreSQL spends per durable ruling, cut where a profile of the hot insert (bench/ruling-writes.ts
-- perf=FILE) showed it go, with the same guarantees.
--
-- 1. Outcomes must cite a ruling that exists. The foreign key ruling_norms -> rulings checked it row by row, and
--    since rulings is partitioned its check query was planned afresh for every outcome (a custom plan prunes to one
--    month, so PostgreSQL 15 never settles on a generic one): ~6-12% of PostgreSQL's CPU a ruling. A statement
--    trigger checks the statement's outcomes in one query instead, with the same SQLSTATE (23503). Nothing is lost
--    by the referenced side: rulings refuse UPDATE, DELETE and TRUNCATE, and retention drops a month's outcomes
--    with its rulings (mores_drop_ruling_months).
ALTER TABLE "ruling_norms" DROP CONSTRAINT "ruling_norms_ruling_id_rulings_id_fk";--> statement-breakpoint
CREATE OR REPLACE FUNCTION mores_check_outcome_rulings() RETURNS trigger AS $$
BEGIN
  IF EXISTS (SELECT 1 FROM inserted_outcomes n WHERE NOT EXISTS (SELECT 1 FROM rulings r WHERE r.id = n.ruling_id))
  THEN
    RAISE foreign_key_violation USING MESSAGE =
      'insert or update on table "ruling_norms" violates foreign key constraint "ruling_norms_ruling_id_rulings_id_fk"';
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER ruling_norms_ruling_exists AFTER INSERT ON ruling_norms REFERENCING NEW TABLE AS inserted_outcomes
  FOR EACH STATEMENT EXECUTE FUNCTION mores_check_outcome_rulings();--> statement-breakpoint
-- 2. The replay keys: a statement trigger copied every inserted ruling (~2 KB each) into a transition table to
--    keep the few that carry a key. A row trigger whose WHEN holds only for those runs nothing for the others.
DROP TRIGGER "rulings_replay_keys" ON "rulings";--> statement-breakpoint
DROP FUNCTION mores_record_replay_keys();--> statement-breakpoint
CREATE OR REPLACE FUNCTION mores_record_replay_key() RETURNS trigger AS $$
BEGIN
  INSERT INTO ruling_replay_keys (ruling_id, community_id, idempotency_key, content_id)
  VALUES (NEW.id, NEW.community_id, NEW.idempotency_key, CASE WHEN NEW.origin = 'evaluation' THEN NEW.content_id END);
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER rulings_replay_key AFTER INSERT ON rulings FOR EACH ROW
  WHEN (NEW.idempotency_key IS NOT NULL OR (NEW.content_id IS NOT NULL AND NEW.origin = 'evaluation'))
  EXECUTE FUNCTION mores_record_replay_key();--> statement-breakpoint
-- 3. A ruling over 2 KB (a tenth of them: long texts, many matches) had its largest values pglz-compressed on
--    insert, ~8% of PostgreSQL's CPU a ruling. Each month's partition now keeps rows up to a page inline and
--    uncompressed (toast_tuple_target; a partitioned table has no storage options of its own, so every partition
--    gets it, new ones from mores_guard_ruling_partition). Larger rows are still compressed and moved out.
--    The cost is space: ~17% more bytes a ruling on the bench corpus.
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
  EXECUTE format('ALTER TABLE %I SET (toast_tuple_target = 8160)', part);
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
DO $$
DECLARE
  part text;
BEGIN
  FOR part IN SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid
      WHERE i.inhparent = 'rulings'::regclass LOOP
    EXECUTE format('ALTER TABLE %I SET (toast_tuple_target = 8160)', part);
  END LOOP;
END;
$$;
