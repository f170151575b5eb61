CREATE TABLE "pending_judgments" (
	"ruling_id" text PRIMARY KEY NOT NULL,
	"community_id" text NOT NULL,
	"request" jsonb NOT NULL,
	"lease_token" text NOT NULL,
	"lease_until" timestamp with time zone NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "rulings" ADD COLUMN "status" text DEFAULT 'final' NOT NULL;--> statement-breakpoint
ALTER TABLE "pending_judgments" ADD CONSTRAINT "pending_judgments_ruling_id_rulings_id_fk" FOREIGN KEY ("ruling_id") REFERENCES "public"."rulings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "pending_judgments_lease" ON "pending_judgments" USING btree ("lease_until");--> statement-breakpoint
CREATE INDEX "rulings_supersedes" ON "rulings" USING btree ("supersedes") WHERE "rulings"."supersedes" is not null;