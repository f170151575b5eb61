CREATE TABLE "appeals" (
	"id" text PRIMARY KEY NOT NULL,
	"community_id" text NOT NULL,
	"ruling_id" text NOT NULL,
	"state" text NOT NULL,
	"grounds" text NOT NULL,
	"context" jsonb,
	"idempotency_key" text,
	"request_hash" text NOT NULL,
	"filed_at" timestamp with time zone NOT NULL,
	"decided_at" timestamp with time zone,
	"outcome" text,
	"rationale" text,
	"decision" text,
	"moderator" text,
	"superseding_ruling_id" text
);
--> statement-breakpoint
CREATE TABLE "precedents" (
	"id" text PRIMARY KEY NOT NULL,
	"community_id" text NOT NULL,
	"norm_id" text NOT NULL,
	"norm_version" integer NOT NULL,
	"exception" text,
	"source" text NOT NULL,
	"source_id" text NOT NULL,
	"ruling_id" text NOT NULL,
	"holding" text NOT NULL,
	"decision" text NOT NULL,
	"rationale" text NOT NULL,
	"terms" jsonb NOT NULL,
	"facts" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "review_events" (
	"id" text PRIMARY KEY NOT NULL,
	"community_id" text NOT NULL,
	"ruling_id" text NOT NULL,
	"type" text NOT NULL,
	"moderator" text NOT NULL,
	"data" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
CREATE TABLE "webhook_deliveries" (
	"event_id" text NOT NULL,
	"endpoint_id" text NOT NULL,
	"community_id" text NOT NULL,
	"status" text NOT NULL,
	"attempts" integer DEFAULT 0 NOT NULL,
	"next_attempt_at" timestamp with time zone NOT NULL,
	"last_status" integer,
	"last_error" text,
	"delivered_at" timestamp with time zone,
	CONSTRAINT "webhook_deliveries_event_id_endpoint_id_pk" PRIMARY KEY("event_id","endpoint_id")
);
--> statement-breakpoint
CREATE TABLE "webhook_endpoints" (
	"id" text PRIMARY KEY NOT NULL,
	"community_id" text NOT NULL,
	"url" text NOT NULL,
	"events" jsonb NOT NULL,
	"secret" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL,
	"disabled_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "webhook_events" (
	"id" text PRIMARY KEY NOT NULL,
	"community_id" text NOT NULL,
	"type" text NOT NULL,
	"payload" jsonb NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "appeals" ADD CONSTRAINT "appeals_ruling_id_rulings_id_fk" FOREIGN KEY ("ruling_id") REFERENCES "public"."rulings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "precedents" ADD CONSTRAINT "precedents_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_events" ADD CONSTRAINT "review_events_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "review_events" ADD CONSTRAINT "review_events_ruling_id_rulings_id_fk" FOREIGN KEY ("ruling_id") REFERENCES "public"."rulings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_event_id_webhook_events_id_fk" FOREIGN KEY ("event_id") REFERENCES "public"."webhook_events"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_deliveries" ADD CONSTRAINT "webhook_deliveries_endpoint_id_webhook_endpoints_id_fk" FOREIGN KEY ("endpoint_id") REFERENCES "public"."webhook_endpoints"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "webhook_endpoints" ADD CONSTRAINT "webhook_endpoints_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "appeals_one_open" ON "appeals" USING btree ("ruling_id") WHERE "appeals"."state" = 'open';--> statement-breakpoint
CREATE UNIQUE INDEX "appeals_idempotency_key" ON "appeals" USING btree ("community_id","idempotency_key") WHERE "appeals"."idempotency_key" is not null;--> statement-breakpoint
CREATE INDEX "appeals_community_state" ON "appeals" USING btree ("community_id","state","filed_at");--> statement-breakpoint
CREATE INDEX "precedents_norm" ON "precedents" USING btree ("community_id","norm_id","created_at");--> statement-breakpoint
CREATE INDEX "review_events_ruling" ON "review_events" USING btree ("ruling_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "review_events_one_decision" ON "review_events" USING btree ("ruling_id") WHERE "review_events"."type" = 'decided';--> statement-breakpoint
CREATE INDEX "webhook_deliveries_due" ON "webhook_deliveries" USING btree ("status","next_attempt_at");--> statement-breakpoint
CREATE INDEX "webhook_deliveries_endpoint" ON "webhook_deliveries" USING btree ("endpoint_id","event_id");--> statement-breakpoint
CREATE INDEX "webhook_events_community" ON "webhook_events" USING btree ("community_id","created_at");--> statement-breakpoint
-- Review decisions and webhook events are records of what happened: append-only like rulings.
CREATE TRIGGER review_events_append_only BEFORE UPDATE OR DELETE ON review_events
  FOR EACH ROW EXECUTE FUNCTION mores_reject_change();
--> statement-breakpoint
CREATE TRIGGER webhook_events_append_only BEFORE UPDATE OR DELETE ON webhook_events
  FOR EACH ROW EXECUTE FUNCTION mores_reject_change();
--> statement-breakpoint
CREATE TRIGGER precedents_append_only BEFORE UPDATE OR DELETE ON precedents
  FOR EACH ROW EXECUTE FUNCTION mores_reject_change();
