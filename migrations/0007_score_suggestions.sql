CREATE TABLE "score_suggestions" (
	"id" text PRIMARY KEY NOT NULL,
	"community_id" text NOT NULL,
	"content_hash" text NOT NULL,
	"scores" jsonb NOT NULL,
	"client_token" text,
	"key_id" text NOT NULL,
	"created_at" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "score_suggestions" ADD CONSTRAINT "score_suggestions_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "score_suggestions_content" ON "score_suggestions" USING btree ("community_id","content_hash","created_at");