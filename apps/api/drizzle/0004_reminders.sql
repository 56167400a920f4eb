CREATE TABLE "notifications" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "notifications_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"user_id" text NOT NULL,
	"occurrence_key" text NOT NULL,
	"kind" text NOT NULL,
	"task_id" integer,
	"title" text NOT NULL,
	"body" text NOT NULL,
	"url" text NOT NULL,
	"scheduled_for" timestamp (3) with time zone NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"read_at" timestamp (3) with time zone,
	"snoozed_until" timestamp (3) with time zone
);
--> statement-breakpoint
CREATE TABLE "reminder_sends" (
	"occurrence_key" text NOT NULL,
	"channel" text NOT NULL,
	"user_id" text NOT NULL,
	"sent_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reminder_sends_occurrence_key_channel_pk" PRIMARY KEY("occurrence_key","channel")
);
--> statement-breakpoint
CREATE TABLE "reminder_settings" (
	"user_id" text PRIMARY KEY NOT NULL,
	"timed_offset_minutes" integer,
	"all_day_offset_minutes" integer,
	"all_day_time" time DEFAULT '09:00' NOT NULL,
	"quiet_start" time,
	"quiet_end" time,
	"digest_time" time,
	"digest_next_at" timestamp (3) with time zone,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reminders" (
	"id" integer PRIMARY KEY GENERATED ALWAYS AS IDENTITY (sequence name "reminders_id_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 2147483647 START WITH 1 CACHE 1),
	"user_id" text NOT NULL,
	"task_id" integer NOT NULL,
	"offset_minutes" integer,
	"at" timestamp (3) with time zone,
	"fire_at" timestamp (3) with time zone,
	"queued_for" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "reminders_one_kind" CHECK (("reminders"."offset_minutes" IS NULL) <> ("reminders"."at" IS NULL))
);
--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminder_sends" ADD CONSTRAINT "reminder_sends_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminder_settings" ADD CONSTRAINT "reminder_settings_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminders" ADD CONSTRAINT "reminders_user_id_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."user"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "reminders" ADD CONSTRAINT "reminders_task_id_tasks_id_fk" FOREIGN KEY ("task_id") REFERENCES "public"."tasks"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "notifications_occurrence_idx" ON "notifications" USING btree ("occurrence_key");--> statement-breakpoint
CREATE INDEX "notifications_user_id_idx" ON "notifications" USING btree ("user_id","id");--> statement-breakpoint
CREATE INDEX "notifications_user_unread_idx" ON "notifications" USING btree ("user_id") WHERE "notifications"."read_at" IS NULL;--> statement-breakpoint
CREATE INDEX "notifications_snoozed_idx" ON "notifications" USING btree ("snoozed_until") WHERE "notifications"."snoozed_until" IS NOT NULL;--> statement-breakpoint
CREATE INDEX "reminder_sends_user_idx" ON "reminder_sends" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "reminders_task_idx" ON "reminders" USING btree ("task_id","id");--> statement-breakpoint
CREATE INDEX "reminders_user_idx" ON "reminders" USING btree ("user_id");--> statement-breakpoint
CREATE INDEX "reminders_pending_idx" ON "reminders" USING btree ("fire_at") WHERE "reminders"."fire_at" IS NOT NULL AND "reminders"."queued_for" IS DISTINCT FROM "reminders"."fire_at";--> statement-breakpoint
-- When a reminder fires. Absolute: its instant. Relative to a due date-time: that instant plus the
-- offset. Relative to an all-day due: the date at the owner's all-day time in their zone, whole
-- days of the offset moving the calendar date (-1440 = the same time the day before, DST or not)
-- and the remainder in minutes. Null while a relative reminder's task has no due.
CREATE FUNCTION reminder_fire_at(integer, timestamptz, timestamptz, date, text, time)
RETURNS timestamptz LANGUAGE sql STABLE AS $$
  SELECT CASE
    WHEN $2 IS NOT NULL THEN $2
    WHEN $3 IS NOT NULL THEN $3 + $1 * interval '1 minute'
    WHEN $4 IS NOT NULL THEN
      ((($4 + ($1 / 1440)) + $6) AT TIME ZONE $5) + ($1 % 1440) * interval '1 minute'
  END
$$;--> statement-breakpoint
-- The first instant after `after` whose wall-clock time in `zone` is `t` (the daily digest).
CREATE FUNCTION next_local_time(t time, zone text, after timestamptz)
RETURNS timestamptz LANGUAGE sql STABLE AS $$
  SELECT CASE WHEN today > after THEN today
    ELSE (((after AT TIME ZONE zone)::date + 1) + t) AT TIME ZONE zone END
  FROM (SELECT (((after AT TIME ZONE zone)::date) + t) AT TIME ZONE zone AS today) AS candidate
$$;--> statement-breakpoint
-- A user's relative all-day reminders and digest follow their zone and all-day time.
CREATE FUNCTION reschedule_user_reminders(owner text) RETURNS void LANGUAGE sql AS $$
  UPDATE reminders r SET fire_at = reminder_fire_at(r.offset_minutes, r.at, t.due_at, t.due_date,
      u.time_zone, coalesce(s.all_day_time, '09:00'))
  FROM tasks t JOIN "user" u ON u.id = t.user_id LEFT JOIN reminder_settings s ON s.user_id = u.id
  WHERE t.id = r.task_id AND r.user_id = owner AND r.offset_minutes IS NOT NULL
    AND t.due_date IS NOT NULL;
  UPDATE reminder_settings s SET digest_next_at = next_local_time(s.digest_time, u.time_zone, now())
  FROM "user" u WHERE u.id = s.user_id AND s.user_id = owner AND s.digest_time IS NOT NULL;
$$;--> statement-breakpoint
CREATE FUNCTION user_zone_reschedules_reminders() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM reschedule_user_reminders(NEW.id);
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER user_zone_reminders AFTER UPDATE OF time_zone ON "user" FOR EACH ROW
  WHEN (OLD.time_zone IS DISTINCT FROM NEW.time_zone)
  EXECUTE FUNCTION user_zone_reschedules_reminders();--> statement-breakpoint
-- A rescheduled due moves the task's relative reminders with it (absolute ones stay put).
CREATE FUNCTION tasks_reschedule_reminders() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE reminders r SET fire_at = reminder_fire_at(r.offset_minutes, r.at, NEW.due_at,
      NEW.due_date, u.time_zone, coalesce(s.all_day_time, '09:00'))
  FROM "user" u LEFT JOIN reminder_settings s ON s.user_id = u.id
  WHERE r.task_id = NEW.id AND u.id = NEW.user_id AND r.offset_minutes IS NOT NULL;
  RETURN NULL;
END $$;--> statement-breakpoint
CREATE TRIGGER tasks_reminders_follow_due AFTER UPDATE OF due_at, due_date ON tasks FOR EACH ROW
  WHEN (OLD.due_at IS DISTINCT FROM NEW.due_at OR OLD.due_date IS DISTINCT FROM NEW.due_date)
  EXECUTE FUNCTION tasks_reschedule_reminders();
