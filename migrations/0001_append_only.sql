-- Rulings, their per-norm outcomes, norm sets and norm/lexicon versions are append-only:
-- the database itself rejects UPDATE and DELETE, whatever the code does. A later decision
-- appends a new ruling that supersedes the old one.
CREATE OR REPLACE FUNCTION mores_reject_change() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'mores: % is append-only; % is not allowed', TG_TABLE_NAME, TG_OP
    USING ERRCODE = 'restrict_violation';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER rulings_append_only BEFORE UPDATE OR DELETE ON rulings
  FOR EACH ROW EXECUTE FUNCTION mores_reject_change();
--> statement-breakpoint
CREATE TRIGGER rulings_no_truncate BEFORE TRUNCATE ON rulings
  FOR EACH STATEMENT EXECUTE FUNCTION mores_reject_change();
--> statement-breakpoint
CREATE TRIGGER ruling_norms_append_only BEFORE UPDATE OR DELETE ON ruling_norms
  FOR EACH ROW EXECUTE FUNCTION mores_reject_change();
--> statement-breakpoint
CREATE TRIGGER ruling_norms_no_truncate BEFORE TRUNCATE ON ruling_norms
  FOR EACH STATEMENT EXECUTE FUNCTION mores_reject_change();
--> statement-breakpoint
CREATE TRIGGER norm_sets_append_only BEFORE UPDATE OR DELETE ON norm_sets
  FOR EACH ROW EXECUTE FUNCTION mores_reject_change();
--> statement-breakpoint
CREATE TRIGGER pack_items_append_only BEFORE UPDATE OR DELETE ON pack_items
  FOR EACH ROW EXECUTE FUNCTION mores_reject_change();
--> statement-breakpoint
CREATE TRIGGER norm_set_items_append_only BEFORE UPDATE OR DELETE ON norm_set_items
  FOR EACH ROW EXECUTE FUNCTION mores_reject_change();
