CREATE TABLE "import_jobs" (
	"id" serial PRIMARY KEY NOT NULL,
	"dataset" text NOT NULL,
	"status" text NOT NULL,
	"phase" text NOT NULL,
	"layout" text,
	"layout_label" text,
	"carries_region" boolean,
	"file_name" text NOT NULL,
	"size" bigint NOT NULL,
	"sha256" text NOT NULL,
	"mode" text,
	"region" text,
	"author_id" integer,
	"author_email" text,
	"confirmed_by_id" integer,
	"confirmed_by_email" text,
	"lines_read" integer DEFAULT 0 NOT NULL,
	"lines_valid" integer DEFAULT 0 NOT NULL,
	"lines_rejected" integer DEFAULT 0 NOT NULL,
	"lines_unplaced" integer DEFAULT 0 NOT NULL,
	"problems_total" integer DEFAULT 0 NOT NULL,
	"progress" double precision DEFAULT 0 NOT NULL,
	"preview" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"slices" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"result" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"error" text,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	"confirmed_at" timestamp with time zone,
	"finished_at" timestamp with time zone
);
--> statement-breakpoint
CREATE TABLE "import_problems" (
	"id" serial PRIMARY KEY NOT NULL,
	"job_id" integer NOT NULL,
	"kind" text NOT NULL,
	"line" integer NOT NULL,
	"column" text NOT NULL,
	"value" text NOT NULL,
	"reason" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "data_loads" ADD COLUMN "origin" text DEFAULT 'seed' NOT NULL;--> statement-breakpoint
ALTER TABLE "import_problems" ADD CONSTRAINT "import_problems_job_id_import_jobs_id_fk" FOREIGN KEY ("job_id") REFERENCES "public"."import_jobs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "import_jobs_created_idx" ON "import_jobs" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "import_jobs_sha256_idx" ON "import_jobs" USING btree ("sha256");--> statement-breakpoint
CREATE INDEX "import_problems_job_idx" ON "import_problems" USING btree ("job_id","line");