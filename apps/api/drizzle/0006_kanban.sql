-- Views (docs/decisions/060-063): custom Kanban columns per list and a task's column; indexes for
-- the stats view's completions and the calendar's repeating tasks.
ALTER TABLE "lists" ADD COLUMN "kanban_columns" text[] DEFAULT '{}'::text[] NOT NULL;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "kanban_column" text;--> statement-breakpoint
CREATE INDEX "tasks_user_completed_at_idx" ON "tasks" USING btree ("user_id","completed_at");--> statement-breakpoint
CREATE INDEX "tasks_user_repeating_idx" ON "tasks" USING btree ("user_id","due_key") WHERE "tasks"."recurrence" IS NOT NULL AND NOT "tasks"."completed";