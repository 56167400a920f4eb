import type { TStats, TTaskPriority } from '@todo/contracts';
import { sql } from 'drizzle-orm';
import { Temporal } from 'temporal-polyfill';
import { listLists } from '../lists/list-lists.js';
import type { TaskContext } from '../tasks/task-context.js';
import { startOfDay, startOfWeek, today, userClock } from '../time/user-clock.js';

const DAYS = 30;
const WEEKS = 12;
const PRIORITIES: TTaskPriority[] = ['high', 'medium', 'low'];

type Row = Record<string, unknown>;
const rowsOf = (result: unknown): Row[] =>
  Array.isArray(result) ? (result as Row[]) : ((result as { rows: Row[] }).rows ?? []);

/**
 * The stats view, all in the user's zone and counting top-level tasks (subtasks show as their
 * parent's progress): completions per day (30 days) and per week (12 weeks from the user's week
 * start), open tasks by list and by priority (the kept counters), and how many tasks were overdue
 * at the end of each of the last 30 days (today: now, by the rule of the board's Overdue view).
 * Three bounded statements: completions since the first week, the counters, and the overdue
 * tasks of the window against 30 instants.
 */
export async function getStats({ db, userId }: TaskContext, now = new Date()): Promise<TStats> {
  const clock = await userClock(db, userId, now);
  const day = today(clock);
  const firstDay = day.subtract({ days: DAYS - 1 });
  const firstWeek = startOfWeek(day, clock.weekStart).subtract({ weeks: WEEKS - 1 });
  const since = startOfDay(
    Temporal.PlainDate.compare(firstWeek, firstDay) < 0 ? firstWeek : firstDay,
    clock.zone,
  );
  const days = Array.from({ length: DAYS }, (_, i) => firstDay.add({ days: i }));
  // The instant each day is judged at (its end; today: now) and the start of that instant's day.
  const at = days.map((d, i) =>
    i === DAYS - 1 ? now : startOfDay(d.add({ days: 1 }), clock.zone),
  );
  const dayStart = days.map((d, i) =>
    i === DAYS - 1 ? startOfDay(d, clock.zone) : startOfDay(d.add({ days: 1 }), clock.zone),
  );
  const iso = (dates: Date[]) => `{${dates.map((d) => d.toISOString()).join(',')}}`;

  const [completed, open, lists, overdue] = await Promise.all([
    db.execute(sql`
      SELECT to_char(completed_at AT TIME ZONE ${clock.zone}, 'YYYY-MM-DD') AS day, count(*)::int AS n
      FROM tasks
      WHERE user_id = ${userId} AND completed AND parent_id IS NULL AND deleted_at IS NULL
        AND completed_at >= ${since.toISOString()}::timestamptz
        AND completed_at <= ${now.toISOString()}::timestamptz
      GROUP BY 1`),
    db.execute(sql`
      SELECT list_id, priority::text AS priority, sum(n)::int AS n FROM task_counts
      WHERE user_id = ${userId} AND NOT completed AND top_level
      GROUP BY 1, 2`),
    listLists({ db, userId }),
    // Only tasks that can be overdue in the window: due before now, and open or done within it.
    db.execute(sql`
      SELECT b.i::int AS i, count(t.id)::int AS n
      FROM unnest(${iso(at)}::timestamptz[], ${iso(dayStart)}::timestamptz[])
        WITH ORDINALITY AS b(at, day_start, i)
      LEFT JOIN tasks AS t ON t.user_id = ${userId} AND t.parent_id IS NULL AND t.deleted_at IS NULL
        AND t.due_key < ${now.toISOString()}::timestamptz
        AND (NOT t.completed OR t.completed_at >= ${startOfDay(firstDay, clock.zone).toISOString()}::timestamptz)
        AND t.created_at < b.at
        AND (NOT t.completed OR t.completed_at >= b.at)
        AND CASE WHEN t.due_date IS NOT NULL THEN t.due_key < b.day_start ELSE t.due_at < b.at END
      GROUP BY b.i ORDER BY b.i`),
  ]);

  const perDay = new Map(rowsOf(completed).map((row) => [String(row.day), Number(row.n)]));
  const weeks = Array.from({ length: WEEKS }, (_, i) => firstWeek.add({ weeks: i }));
  const perWeek = weeks.map((first) => {
    let count = 0;
    for (let i = 0; i < 7; i++) count += perDay.get(first.add({ days: i }).toString()) ?? 0;
    return { date: first.toString(), count };
  });
  const openRows = rowsOf(open).map((row) => ({
    listId: Number(row.list_id),
    priority: String(row.priority) as TTaskPriority,
    n: Number(row.n),
  }));
  const overdueByIndex = new Map(rowsOf(overdue).map((row) => [Number(row.i), Number(row.n)]));
  return {
    time_zone: clock.zone,
    completed_per_day: days.map((d) => ({
      date: d.toString(),
      count: perDay.get(d.toString()) ?? 0,
    })),
    completed_per_week: perWeek,
    open_by_list: lists.items.map((list) => ({
      list_id: list.id,
      name: list.name,
      count: list.open_tasks,
    })),
    open_by_priority: PRIORITIES.map((priority) => ({
      priority,
      count: openRows
        .filter((row) => row.priority === priority)
        .reduce((sum, row) => sum + row.n, 0),
    })),
    overdue_trend: days.map((d, i) => ({
      date: d.toString(),
      count: overdueByIndex.get(i + 1) ?? 0,
    })),
  };
}
