-- Activity and undo, soft delete (docs/decisions/070-072): the activity table, filled by one
-- trigger on tasks, lists and reminders from the actor the transaction set; deleted_at on tasks
-- and lists (a list's name is free again once it is deleted); the kept counters ignore deleted
-- tasks.
CREATE TABLE "activity" (
	"id" bigint PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "activity_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"user_id" text NOT NULL,
	"at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"via" text NOT NULL,
	"client_id" text,
	"conversation_id" text,
	"batch_id" text NOT NULL,
	"verb" text NOT NULL,
	"entity" text NOT NULL,
	"entity_id" integer NOT NULL,
	"task_id" integer,
	"op" text NOT NULL,
	"before" jsonb,
	"after" jsonb,
	"undone_at" timestamp (3) with time zone
);
--> statement-breakpoint
DROP INDEX "lists_user_name_idx";--> statement-breakpoint
ALTER TABLE "lists" ADD COLUMN "deleted_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "deleted_at" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "activity" ADD CONSTRAINT "activity_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "activity_user_id_idx" ON "activity" USING btree ("user_id","id");--> statement-breakpoint
CREATE INDEX "activity_user_batch_idx" ON "activity" USING btree ("user_id","batch_id","id");--> statement-breakpoint
CREATE INDEX "activity_user_task_idx" ON "activity" USING btree ("user_id","task_id","id");--> statement-breakpoint
CREATE INDEX "activity_at_idx" ON "activity" USING btree ("at");--> statement-breakpoint
CREATE INDEX "tasks_deleted_at_idx" ON "tasks" USING btree ("deleted_at") WHERE "tasks"."deleted_at" IS NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "lists_user_name_idx" ON "lists" USING btree ("user_id",lower("name")) WHERE "lists"."deleted_at" IS NULL;--> statement-breakpoint
CREATE OR REPLACE FUNCTION task_counts_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO task_counts AS c (user_id, list_id, top_level, completed, priority, n)
    SELECT user_id, list_id, parent_id IS NULL, completed, priority, count(*)::int FROM new_rows
    WHERE deleted_at IS NULL
    GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (user_id, list_id, top_level, completed, priority) DO UPDATE SET n = c.n + excluded.n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO task_counts AS c (user_id, list_id, top_level, completed, priority, n)
    SELECT user_id, list_id, parent_id IS NULL, completed, priority, -count(*)::int FROM old_rows
    WHERE deleted_at IS NULL
    GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (user_id, list_id, top_level, completed, priority) DO UPDATE SET n = c.n + excluded.n;
  ELSE
    INSERT INTO task_counts AS c (user_id, list_id, top_level, completed, priority, n)
    SELECT user_id, list_id, top_level, completed, priority, sum(delta)::int
    FROM (SELECT user_id, list_id, parent_id IS NULL AS top_level, completed, priority, -1 AS delta
          FROM old_rows WHERE deleted_at IS NULL
          UNION ALL
          SELECT user_id, list_id, parent_id IS NULL, completed, priority, 1 FROM new_rows
          WHERE deleted_at IS NULL) AS d
    GROUP BY 1, 2, 3, 4, 5 HAVING sum(delta) <> 0
    ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (user_id, list_id, top_level, completed, priority) DO UPDATE SET n = c.n + excluded.n;
  END IF;
  RETURN NULL;
END
$$;--> statement-breakpoint
-- The actor is a transaction-local setting (activity/actor.ts): a change made without one (a
-- cascade of account deletion, the scheduler, a zone change re-deriving dues, undo itself) is not
-- recorded. TG_ARGV[0] names the entity; the other arguments are columns the database derives
-- (fire_at, queued_for): a change of only those is not a change anyone made.
CREATE FUNCTION record_activity() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  actor jsonb := nullif(current_setting('app.activity', true), '')::jsonb;
  old_row jsonb;
  new_row jsonb;
  row_data jsonb;
  verb text;
BEGIN
  IF actor IS NULL THEN RETURN NULL; END IF;
  IF TG_OP <> 'INSERT' THEN old_row := to_jsonb(OLD); END IF;
  IF TG_OP <> 'DELETE' THEN new_row := to_jsonb(NEW); END IF;
  IF TG_OP = 'UPDATE' AND old_row - TG_ARGV[1:] = new_row - TG_ARGV[1:] THEN RETURN NULL; END IF;
  row_data := coalesce(new_row, old_row);
  verb := CASE
    WHEN TG_OP = 'INSERT' THEN 'create'
    WHEN TG_OP = 'DELETE' THEN 'delete'
    WHEN old_row->>'deleted_at' IS NULL AND new_row->>'deleted_at' IS NOT NULL THEN 'delete'
    WHEN old_row->>'deleted_at' IS NOT NULL AND new_row->>'deleted_at' IS NULL THEN 'restore'
    WHEN old_row->'completed' = 'false' AND new_row->'completed' = 'true' THEN 'complete'
    WHEN old_row->'completed' = 'true' AND new_row->'completed' = 'false' THEN 'reopen'
    ELSE 'update' END;
  INSERT INTO activity (user_id, via, client_id, conversation_id, batch_id, verb, entity,
    entity_id, task_id, op, before, after)
  VALUES (row_data->>'user_id', actor->>'via', actor->>'client_id', actor->>'conversation_id',
    actor->>'batch_id', verb, TG_ARGV[0], (row_data->>'id')::int,
    CASE TG_ARGV[0] WHEN 'task' THEN (row_data->>'id')::int
      WHEN 'reminder' THEN (row_data->>'task_id')::int END,
    lower(TG_OP), old_row, new_row);
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER tasks_activity AFTER INSERT OR UPDATE OR DELETE ON tasks FOR EACH ROW
  EXECUTE FUNCTION record_activity('task');--> statement-breakpoint
CREATE TRIGGER lists_activity AFTER INSERT OR UPDATE OR DELETE ON lists FOR EACH ROW
  EXECUTE FUNCTION record_activity('list');--> statement-breakpoint
CREATE TRIGGER reminders_activity AFTER INSERT OR UPDATE OR DELETE ON reminders FOR EACH ROW
  EXECUTE FUNCTION record_activity('reminder', 'fire_at', 'queued_for');
