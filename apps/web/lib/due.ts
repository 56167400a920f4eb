/** Due-date display rules shared by the board's rows and its tests. */

export type DueState = 'overdue' | 'today' | 'upcoming';
export type DueInfo = { state: DueState; label: string; day: string };

const pad = (n: number) => String(n).padStart(2, '0');

/** The calendar day (YYYY-MM-DD) of an instant in the browser's time zone. */
export function localDay(date: Date): string {
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

/** A task's due as one string: its date-time, or its all-day date as midnight UTC. */
export function dueIso(task: { due_date: string | null; due_at: string | null }): string | null {
  return task.due_at ?? (task.due_date ? `${task.due_date}T00:00:00.000Z` : null);
}

/** A due date given as a calendar day is stored as midnight UTC: it names that day everywhere. */
export function isDateOnly(iso: string): boolean {
  return /T00:00:00(\.000)?Z$/.test(iso);
}

/** The calendar day a due date means, as the person reading the board sees it. */
export function dueDay(iso: string): string {
  return isDateOnly(iso) ? iso.slice(0, 10) : localDay(new Date(iso));
}

export function dueInfo(iso: string | null, completed: boolean, now: Date): DueInfo | null {
  if (!iso) return null;
  const day = dueDay(iso);
  const today = localDay(now);
  const dateOnly = isDateOnly(iso);
  const isPast = dateOnly ? day < today : new Date(iso).getTime() < now.getTime();
  let state: DueState = 'upcoming';
  if (!completed && isPast) state = 'overdue';
  else if (day === today) state = 'today';
  const [y, m, d] = day.split('-').map(Number) as [number, number, number];
  const dayLabel = new Intl.DateTimeFormat(undefined, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    year: y === now.getFullYear() ? undefined : 'numeric',
  }).format(new Date(y, m - 1, d));
  const time = dateOnly
    ? ''
    : ` ${new Intl.DateTimeFormat(undefined, { hour: 'numeric', minute: '2-digit' }).format(new Date(iso))}`;
  return { state, day, label: `${dayLabel}${time}` };
}
