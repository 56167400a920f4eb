-- Text search uses trigram indexes (pg_trgm is a trusted extension: a database owner may create it).
CREATE EXTENSION IF NOT EXISTS pg_trgm;--> statement-breakpoint
CREATE TABLE "task_counts" (
	"user_id" text NOT NULL,
	"completed" boolean NOT NULL,
	"priority" "task_priority" NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "task_counts_user_id_completed_priority_pk" PRIMARY KEY("user_id","completed","priority")
);
--> statement-breakpoint
DROP INDEX "tasks_user_created_idx";--> statement-breakpoint
DROP INDEX "tasks_user_completed_idx";--> statement-breakpoint
CREATE INDEX "tasks_user_created_id_idx" ON "tasks" USING btree ("user_id","created_at","id");--> statement-breakpoint
CREATE INDEX "tasks_user_updated_id_idx" ON "tasks" USING btree ("user_id","updated_at","id");--> statement-breakpoint
CREATE INDEX "tasks_user_completed_created_idx" ON "tasks" USING btree ("user_id","completed","created_at","id");--> statement-breakpoint
CREATE INDEX "tasks_title_trgm_idx" ON "tasks" USING gin ("title" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "tasks_description_trgm_idx" ON "tasks" USING gin ("description" gin_trgm_ops);--> statement-breakpoint
CREATE INDEX "tasks_user_due_asc_idx" ON "tasks" USING btree ("user_id",coalesce("due_date", 'infinity'::timestamptz),"id");--> statement-breakpoint
CREATE INDEX "tasks_user_due_desc_idx" ON "tasks" USING btree ("user_id",coalesce("due_date", '-infinity'::timestamptz),"id");--> statement-breakpoint
CREATE INDEX "tasks_user_priority_idx" ON "tasks" USING btree ("user_id","priority","id");--> statement-breakpoint
-- Kept task counts (docs/decisions/004-task-totals-at-scale.md). Statement-level triggers with
-- transition tables: one upsert per (user, state, priority) a statement touches, however many
-- rows it writes, in key order so concurrent writers lock counter rows in the same order.
CREATE OR REPLACE FUNCTION task_counts_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO task_counts AS c (user_id, completed, priority, n)
    SELECT user_id, completed, priority, count(*)::int FROM new_rows
    GROUP BY user_id, completed, priority ORDER BY user_id, completed, priority
    ON CONFLICT (user_id, completed, priority) DO UPDATE SET n = c.n + excluded.n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO task_counts AS c (user_id, completed, priority, n)
    SELECT user_id, completed, priority, -count(*)::int FROM old_rows
    GROUP BY user_id, completed, priority ORDER BY user_id, completed, priority
    ON CONFLICT (user_id, completed, priority) DO UPDATE SET n = c.n + excluded.n;
  ELSE
    INSERT INTO task_counts AS c (user_id, completed, priority, n)
    SELECT user_id, completed, priority, sum(delta)::int
    FROM (SELECT user_id, completed, priority, -1 AS delta FROM old_rows
          UNION ALL
          SELECT user_id, completed, priority, 1 FROM new_rows) AS d
    GROUP BY user_id, completed, priority HAVING sum(delta) <> 0
    ORDER BY user_id, completed, priority
    ON CONFLICT (user_id, completed, priority) DO UPDATE SET n = c.n + excluded.n;
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER tasks_count_inserts AFTER INSERT ON tasks REFERENCING NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION task_counts_apply();--> statement-breakpoint
CREATE TRIGGER tasks_count_deletes AFTER DELETE ON tasks REFERENCING OLD TABLE AS old_rows
  FOR EACH STATEMENT EXECUTE FUNCTION task_counts_apply();--> statement-breakpoint
CREATE TRIGGER tasks_count_updates AFTER UPDATE ON tasks REFERENCING OLD TABLE AS old_rows NEW TABLE AS new_rows
  FOR EACH STATEMENT EXECUTE FUNCTION task_counts_apply();--> statement-breakpoint
INSERT INTO task_counts (user_id, completed, priority, n)
SELECT user_id, completed, priority, count(*)::int FROM tasks GROUP BY user_id, completed, priority;
