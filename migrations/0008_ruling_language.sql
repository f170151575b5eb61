ALTER TABLE "rulings" ADD COLUMN "language" text;--> statement-breakpoint
ALTER TABLE "rulings" ADD COLUMN "labels" jsonb;--> statement-breakpoint
CREATE INDEX "rulings_community_content" ON "rulings" USING btree ("community_id","content_id","id") WHERE "rulings"."content_id" is not null;
