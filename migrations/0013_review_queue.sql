-- The review queue as a table of the rulings waiting, kept by the statements that change it. A ruling waits while
-- its decision is `review`, no `decided` review event exists for it and no ruling supersedes it
-- (src/reviews/queue.ts). Asking that of the rulings themselves read every review ruling ever kept, twice
-- anti-joined: each /metrics scrape took 340-534 ms at 1,000,000 rulings (docs/performance.md, twentieth pass),
-- and it grew with the history. This table holds only the rulings waiting now.
CREATE TABLE "review_queue" (
	"ruling_id" text COLLATE "C" PRIMARY KEY NOT NULL,
	"community_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);--> statement-breakpoint
CREATE INDEX "review_queue_community" ON "review_queue" USING btree ("community_id","ruling_id");--> statement-breakpoint
-- A ruling for review joins the queue; a ruling that supersedes another takes that one out. The WHEN leaves every
-- other ruling (most of them) without a call.
CREATE OR REPLACE FUNCTION mores_review_queue_ruling() RETURNS trigger AS $$
BEGIN
  IF NEW.supersedes IS NOT NULL THEN
    DELETE FROM review_queue WHERE ruling_id = NEW.supersedes;
  END IF;
  IF NEW.decision = 'review' THEN
    INSERT INTO review_queue (ruling_id, community_id, created_at) VALUES (NEW.id, NEW.community_id, NEW.created_at)
      ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER rulings_review_queue AFTER INSERT ON rulings FOR EACH ROW
  WHEN (NEW.decision = 'review' OR NEW.supersedes IS NOT NULL)
  EXECUTE FUNCTION mores_review_queue_ruling();--> statement-breakpoint
-- A decision takes the ruling out.
CREATE OR REPLACE FUNCTION mores_review_queue_decided() RETURNS trigger AS $$
BEGIN
  DELETE FROM review_queue WHERE ruling_id = NEW.ruling_id;
  RETURN NULL;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER review_events_review_queue AFTER INSERT ON review_events FOR EACH ROW
  WHEN (NEW.type = 'decided')
  EXECUTE FUNCTION mores_review_queue_decided();--> statement-breakpoint
-- The rulings waiting when this migration runs.
INSERT INTO review_queue (ruling_id, community_id, created_at)
  SELECT r.id, r.community_id, r.created_at FROM rulings r
  WHERE r.decision = 'review'
    AND NOT EXISTS (SELECT 1 FROM review_events e WHERE e.ruling_id = r.id AND e.type = 'decided')
    AND NOT EXISTS (SELECT 1 FROM rulings s WHERE s.supersedes = r.id);--> statement-breakpoint
-- Retention drops a month's rulings whole (0010); their queue entries go with them, as their replay keys do. The
-- function is 0010's with that one DELETE added.
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
        DELETE FROM review_queue q WHERE q.ruling_id >= lo AND q.ruling_id < hi;
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
