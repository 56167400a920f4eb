-- Lists (every user has an Inbox), subtasks, all-day dates vs date-times, recurrence, the user's
-- time zone and week start, private calendar feeds. docs/decisions/007-lists-dates-recurrence.md.
-- Drizzle runs every pending migration in one transaction under the advisory lock (db/client.ts),
-- so replicas starting together wait for it, and the data moves below see no concurrent writer.
CREATE TYPE "public"."week_start" AS ENUM('monday', 'sunday', 'saturday');--> statement-breakpoint
CREATE TYPE "public"."list_color" AS ENUM('grey', 'red', 'orange', 'yellow', 'green', 'teal', 'blue', 'purple', 'pink');--> statement-breakpoint
CREATE TYPE "public"."recurrence_from" AS ENUM('due', 'completion');--> statement-breakpoint
ALTER TABLE "user" ADD COLUMN "time_zone" text DEFAULT 'UTC' NOT NULL;--> statement-breakpoint
ALTER TABLE "user" ADD COLUMN "week_start" "week_start" DEFAULT 'monday' NOT NULL;--> statement-breakpoint
CREATE TABLE "calendar_feeds" (
	"user_id" text PRIMARY KEY NOT NULL,
	"token_hash" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "calendar_feeds_token_hash_unique" UNIQUE("token_hash")
);
--> statement-breakpoint
ALTER TABLE "calendar_feeds" ADD CONSTRAINT "calendar_feeds_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE TABLE "lists" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "lists_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"user_id" text NOT NULL,
	"name" text NOT NULL,
	"color" "list_color" DEFAULT 'grey' NOT NULL,
	"position" integer DEFAULT 0 NOT NULL,
	"is_inbox" boolean DEFAULT false NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "lists" ADD CONSTRAINT "lists_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "lists_user_position_idx" ON "lists" USING btree ("user_id","position","id");--> statement-breakpoint
CREATE UNIQUE INDEX "lists_user_name_idx" ON "lists" USING btree ("user_id",lower("name"));--> statement-breakpoint
CREATE UNIQUE INDEX "lists_one_inbox_per_user_idx" ON "lists" USING btree ("user_id") WHERE "lists"."is_inbox";--> statement-breakpoint
-- Every user has an Inbox: made with the user row (any sign-up path), and now for existing users.
CREATE FUNCTION user_create_inbox() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  INSERT INTO lists (user_id, name, color, position, is_inbox)
  VALUES (NEW.id, 'Inbox', 'grey', 0, true)
  ON CONFLICT (user_id) WHERE is_inbox DO NOTHING;
  RETURN NULL;
END
$$;--> statement-breakpoint
CREATE TRIGGER user_inbox AFTER INSERT ON "user" FOR EACH ROW EXECUTE FUNCTION user_create_inbox();--> statement-breakpoint
INSERT INTO lists (user_id, name, color, position, is_inbox)
SELECT id, 'Inbox', 'grey', 0, true FROM "user";--> statement-breakpoint
-- The counters are rebuilt below with list and level; their triggers must not see the moves.
DROP TRIGGER tasks_count_inserts ON tasks;--> statement-breakpoint
DROP TRIGGER tasks_count_deletes ON tasks;--> statement-breakpoint
DROP TRIGGER tasks_count_updates ON tasks;--> statement-breakpoint
DROP INDEX "tasks_user_due_idx";--> statement-breakpoint
DROP INDEX "tasks_user_due_asc_idx";--> statement-breakpoint
DROP INDEX "tasks_user_due_desc_idx";--> statement-breakpoint
-- The old due_date was an instant: it becomes due_at, and the instants the old UI made for a
-- calendar date (midnight UTC) become all-day dates. Nothing else changes.
ALTER TABLE "tasks" RENAME COLUMN "due_date" TO "due_at";--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "due_date" date;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "list_id" integer;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "parent_id" integer;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "due_key" timestamp (3) with time zone;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "recurrence" text;--> statement-breakpoint
ALTER TABLE "tasks" ADD COLUMN "recurrence_from" "recurrence_from" DEFAULT 'due' NOT NULL;--> statement-breakpoint
UPDATE tasks SET due_date = (due_at AT TIME ZONE 'UTC')::date, due_at = NULL
WHERE due_at IS NOT NULL AND (due_at AT TIME ZONE 'UTC')::time = '00:00';--> statement-breakpoint
-- Existing users' zone is UTC (the column default), so an all-day date starts at UTC midnight.
UPDATE tasks AS t
SET list_id = l.id, due_key = coalesce(t.due_at, t.due_date::timestamp AT TIME ZONE 'UTC')
FROM lists AS l WHERE l.user_id = t.user_id AND l.is_inbox;--> statement-breakpoint
ALTER TABLE "tasks" ALTER COLUMN "list_id" SET NOT NULL;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_list_id_lists_id_fk" FOREIGN KEY ("list_id") REFERENCES "public"."lists"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_id_list_id_key" UNIQUE("id","list_id");--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_parent_same_list_fk" FOREIGN KEY ("parent_id","list_id") REFERENCES "public"."tasks"("id","list_id") ON DELETE cascade ON UPDATE cascade;--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_one_kind_of_due" CHECK ("tasks"."due_date" IS NULL OR "tasks"."due_at" IS NULL);--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_recurrence_needs_due" CHECK ("tasks"."recurrence" IS NULL OR "tasks"."due_date" IS NOT NULL OR "tasks"."due_at" IS NOT NULL);--> statement-breakpoint
ALTER TABLE "tasks" ADD CONSTRAINT "tasks_not_own_parent" CHECK ("tasks"."parent_id" IS DISTINCT FROM "tasks"."id");--> statement-breakpoint
CREATE INDEX "tasks_list_created_id_idx" ON "tasks" USING btree ("list_id","created_at","id");--> statement-breakpoint
CREATE INDEX "tasks_list_completed_created_idx" ON "tasks" USING btree ("list_id","completed","created_at","id");--> statement-breakpoint
CREATE INDEX "tasks_parent_idx" ON "tasks" USING btree ("parent_id","id");--> statement-breakpoint
CREATE INDEX "tasks_user_due_key_idx" ON "tasks" USING btree ("user_id","due_key","id");--> statement-breakpoint
CREATE INDEX "tasks_user_due_asc_idx" ON "tasks" USING btree ("user_id",coalesce("due_key", 'infinity'::timestamptz),"id");--> statement-breakpoint
CREATE INDEX "tasks_user_due_desc_idx" ON "tasks" USING btree ("user_id",coalesce("due_key", '-infinity'::timestamptz),"id");--> statement-breakpoint
-- due_key (what sorting, ranges and cursors use) is derived here, in the database's tz data, so
-- no writer can get it wrong: due_at itself, or the start of due_date in the owner's zone.
-- A writer that predates lists (an old replica during a rolling upgrade) files into the Inbox.
CREATE FUNCTION tasks_derive_columns() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NEW.list_id IS NULL THEN
    SELECT id INTO NEW.list_id FROM lists WHERE user_id = NEW.user_id AND is_inbox;
  END IF;
  NEW.due_key := CASE
    WHEN NEW.due_at IS NOT NULL THEN NEW.due_at
    WHEN NEW.due_date IS NOT NULL THEN
      NEW.due_date::timestamp AT TIME ZONE (SELECT time_zone FROM "user" WHERE id = NEW.user_id)
  END;
  RETURN NEW;
END
$$;--> statement-breakpoint
CREATE TRIGGER tasks_derive BEFORE INSERT OR UPDATE OF due_date, due_at, list_id ON tasks
  FOR EACH ROW EXECUTE FUNCTION tasks_derive_columns();--> statement-breakpoint
-- Kept counts now per list and level (docs/decisions/004-task-totals-at-scale.md).
DELETE FROM task_counts;--> statement-breakpoint
ALTER TABLE "task_counts" DROP CONSTRAINT "task_counts_user_id_completed_priority_pk";--> statement-breakpoint
ALTER TABLE "task_counts" ADD COLUMN "list_id" integer NOT NULL;--> statement-breakpoint
ALTER TABLE "task_counts" ADD COLUMN "top_level" boolean NOT NULL;--> statement-breakpoint
ALTER TABLE "task_counts" ADD CONSTRAINT "task_counts_user_id_list_id_top_level_completed_priority_pk" PRIMARY KEY("user_id","list_id","top_level","completed","priority");--> statement-breakpoint
CREATE OR REPLACE FUNCTION task_counts_apply() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'INSERT' THEN
    INSERT INTO task_counts AS c (user_id, list_id, top_level, completed, priority, n)
    SELECT user_id, list_id, parent_id IS NULL, completed, priority, count(*)::int FROM new_rows
    GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (user_id, list_id, top_level, completed, priority) DO UPDATE SET n = c.n + excluded.n;
  ELSIF TG_OP = 'DELETE' THEN
    INSERT INTO task_counts AS c (user_id, list_id, top_level, completed, priority, n)
    SELECT user_id, list_id, parent_id IS NULL, completed, priority, -count(*)::int FROM old_rows
    GROUP BY 1, 2, 3, 4, 5 ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (user_id, list_id, top_level, completed, priority) DO UPDATE SET n = c.n + excluded.n;
  ELSE
    INSERT INTO task_counts AS c (user_id, list_id, top_level, completed, priority, n)
    SELECT user_id, list_id, top_level, completed, priority, sum(delta)::int
    FROM (SELECT user_id, list_id, parent_id IS NULL AS top_level, completed, priority, -1 AS delta
          FROM old_rows
          UNION ALL
          SELECT user_id, list_id, parent_id IS NULL, completed, priority, 1 FROM new_rows) AS d
    GROUP BY 1, 2, 3, 4, 5 HAVING sum(delta) <> 0
    ORDER BY 1, 2, 3, 4, 5
    ON CONFLICT (user_id, list_id, top_level, completed, priority) DO UPDATE SET n = c.n + excluded.n;
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
INSERT INTO task_counts (user_id, list_id, top_level, completed, priority, n)
SELECT user_id, list_id, parent_id IS NULL, completed, priority, count(*)::int FROM tasks
GROUP BY 1, 2, 3, 4, 5;
