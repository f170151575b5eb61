CREATE TABLE "communities" (
	"id" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"settings" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "norm_set_items" (
	"community_id" text NOT NULL,
	"set_version" integer NOT NULL,
	"kind" text NOT NULL,
	"item_id" text NOT NULL,
	"item_version" integer NOT NULL,
	"position" integer NOT NULL,
	CONSTRAINT "norm_set_items_community_id_set_version_kind_item_id_pk" PRIMARY KEY("community_id","set_version","kind","item_id")
);
--> statement-breakpoint
CREATE TABLE "norm_sets" (
	"community_id" text NOT NULL,
	"version" integer NOT NULL,
	"manifest" jsonb NOT NULL,
	"groups" jsonb NOT NULL,
	"patterns" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"created_by" text NOT NULL,
	"process" text NOT NULL,
	CONSTRAINT "norm_sets_community_id_version_pk" PRIMARY KEY("community_id","version")
);
--> statement-breakpoint
CREATE TABLE "pack_items" (
	"community_id" text NOT NULL,
	"kind" text NOT NULL,
	"item_id" text NOT NULL,
	"version" integer NOT NULL,
	"body" jsonb NOT NULL,
	"hash" text NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "pack_items_community_id_kind_item_id_version_pk" PRIMARY KEY("community_id","kind","item_id","version")
);
--> statement-breakpoint
CREATE TABLE "ruling_norms" (
	"ruling_id" text NOT NULL,
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
	CONSTRAINT "ruling_norms_ruling_id_norm_id_pk" PRIMARY KEY("ruling_id","norm_id")
);
--> statement-breakpoint
CREATE TABLE "rulings" (
	"id" text PRIMARY KEY NOT NULL,
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
	"appeal_until" timestamp with time zone NOT NULL
);
--> statement-breakpoint
ALTER TABLE "norm_sets" ADD CONSTRAINT "norm_sets_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pack_items" ADD CONSTRAINT "pack_items_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "ruling_norms" ADD CONSTRAINT "ruling_norms_ruling_id_rulings_id_fk" FOREIGN KEY ("ruling_id") REFERENCES "public"."rulings"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "rulings" ADD CONSTRAINT "rulings_community_id_communities_id_fk" FOREIGN KEY ("community_id") REFERENCES "public"."communities"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "ruling_norms_community_norm" ON "ruling_norms" USING btree ("community_id","norm_id");--> statement-breakpoint
CREATE UNIQUE INDEX "rulings_idempotency_key" ON "rulings" USING btree ("community_id","idempotency_key") WHERE "rulings"."idempotency_key" is not null;--> statement-breakpoint
CREATE UNIQUE INDEX "rulings_content" ON "rulings" USING btree ("community_id","content_id","content_hash") WHERE "rulings"."content_id" is not null and "rulings"."origin" = 'evaluation';--> statement-breakpoint
CREATE INDEX "rulings_community_created" ON "rulings" USING btree ("community_id","created_at","id");--> statement-breakpoint
CREATE INDEX "rulings_community_decision" ON "rulings" USING btree ("community_id","decision","created_at");