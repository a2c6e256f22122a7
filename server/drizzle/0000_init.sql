CREATE TABLE "data_loads" (
	"id" serial PRIMARY KEY NOT NULL,
	"dataset" text NOT NULL,
	"source" text NOT NULL,
	"fingerprint" text NOT NULL,
	"status" text NOT NULL,
	"rows_loaded" integer DEFAULT 0 NOT NULL,
	"rows_unplaced" integer DEFAULT 0 NOT NULL,
	"rows_rejected" integer DEFAULT 0 NOT NULL,
	"report" jsonb DEFAULT '{}'::jsonb NOT NULL,
	"error" text,
	"engine" text NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone
);
