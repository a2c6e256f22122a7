CREATE TABLE "tag_assignment_batches" (
	"id" serial PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"file_name" text,
	"beneficiary" text,
	"author_id" integer,
	"author_email" text NOT NULL,
	"report" jsonb NOT NULL,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "tag_assignments" (
	"id" serial PRIMARY KEY NOT NULL,
	"batch_id" integer NOT NULL,
	"line" integer,
	"ej" text,
	"poste_ej" integer,
	"beneficiary" text,
	"tag" text NOT NULL
);
--> statement-breakpoint
ALTER TABLE "tag_assignment_batches" ADD CONSTRAINT "tag_assignment_batches_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tag_assignments" ADD CONSTRAINT "tag_assignments_batch_id_tag_assignment_batches_id_fk" FOREIGN KEY ("batch_id") REFERENCES "public"."tag_assignment_batches"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "tag_assignments_batch_idx" ON "tag_assignments" USING btree ("batch_id");