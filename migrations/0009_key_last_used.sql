ALTER TABLE "api_keys" ADD COLUMN "last_used_at" timestamp with time zone;--> statement-breakpoint
-- A key's changes: its revocation, and the time it was last used (while it is active).
CREATE OR REPLACE FUNCTION mores_key_revocation_only() RETURNS trigger AS $$
BEGIN
  IF TG_OP <> 'UPDATE' OR OLD.revoked_at IS NOT NULL
     OR (to_jsonb(NEW) - 'revoked_at' - 'last_used_at') IS DISTINCT FROM (to_jsonb(OLD) - 'revoked_at' - 'last_used_at') THEN
    RAISE EXCEPTION 'api_keys: only revoking a key or recording its use is allowed' USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql;
