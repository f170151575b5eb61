CREATE TABLE "api_keys" (
	"id" text PRIMARY KEY NOT NULL,
	"community_id" text,
	"role" text NOT NULL,
	"name" text,
	"secret_hash" text NOT NULL,
	"rate_limit" jsonb,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"revoked_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "audit_events" (
	"id" text PRIMARY KEY NOT NULL,
	"community_id" text NOT NULL,
	"action" text NOT NULL,
	"actor_key" text NOT NULL,
	"actor_role" text NOT NULL,
	"actor_name" text,
	"target" text,
	"detail" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "proposals" (
	"id" text PRIMARY KEY NOT NULL,
	"community_id" text NOT NULL,
	"base_version" integer NOT NULL,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"description" text,
	"pack" jsonb NOT NULL,
	"report" jsonb NOT NULL,
	"adoptable" boolean NOT NULL,
	"created_by" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "shadow_results" (
	"proposal_id" text NOT NULL,
	"ruling_id" text NOT NULL,
	"community_id" text NOT NULL,
	"live" text NOT NULL,
	"shadow" text NOT NULL,
	"differs" boolean NOT NULL,
	"norms" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	CONSTRAINT "shadow_results_proposal_id_ruling_id_pk" PRIMARY KEY("proposal_id","ruling_id")
);
--> statement-breakpoint
ALTER TABLE "api_keys" ADD CONSTRAINT "api_keys_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_events" ADD CONSTRAINT "audit_events_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposals" ADD CONSTRAINT "proposals_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "shadow_results" ADD CONSTRAINT "shadow_results_proposal_id_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."proposals"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "api_keys_secret_hash" ON "api_keys" USING btree ("secret_hash");--> statement-breakpoint
CREATE INDEX "api_keys_community" ON "api_keys" USING btree ("community_id","created_at");--> statement-breakpoint
CREATE INDEX "audit_events_community" ON "audit_events" USING btree ("community_id","id");--> statement-breakpoint
CREATE INDEX "audit_events_target" ON "audit_events" USING btree ("target","id");--> statement-breakpoint
CREATE INDEX "proposals_community" ON "proposals" USING btree ("community_id","id");--> statement-breakpoint
CREATE INDEX "shadow_results_differs" ON "shadow_results" USING btree ("proposal_id","differs") WHERE "shadow_results"."differs";--> statement-breakpoint
-- The audit log, proposals and shadow results are records of what happened: append-only like rulings.
CREATE TRIGGER audit_events_append_only BEFORE UPDATE OR DELETE ON audit_events
  FOR EACH ROW EXECUTE FUNCTION mores_reject_change();
--> statement-breakpoint
CREATE TRIGGER proposals_append_only BEFORE UPDATE OR DELETE ON proposals
  FOR EACH ROW EXECUTE FUNCTION mores_reject_change();
--> statement-breakpoint
CREATE TRIGGER shadow_results_append_only BEFORE UPDATE OR DELETE ON shadow_results
  FOR EACH ROW EXECUTE FUNCTION mores_reject_change();
--> statement-breakpoint
-- A key's only change is its revocation: everything else about it is fixed at creation.
CREATE FUNCTION mores_key_revocation_only() RETURNS trigger AS $$
BEGIN
  IF TG_OP <> 'UPDATE' OR OLD.revoked_at IS NOT NULL
     OR (to_jsonb(NEW) - 'revoked_at') IS DISTINCT FROM (to_jsonb(OLD) - 'revoked_at') THEN
    RAISE EXCEPTION 'api_keys: only revoking a key is allowed' USING ERRCODE = 'P0001';
  END IF;
  RETURN NEW;
END $$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER api_keys_revocation_only BEFORE UPDATE OR DELETE ON api_keys
  FOR EACH ROW EXECUTE FUNCTION mores_key_revocation_only();
