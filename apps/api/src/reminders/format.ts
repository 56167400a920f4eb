const DAY: Intl.DateTimeFormatOptions = { weekday: 'short', day: 'numeric', month: 'short' };
const TIME: Intl.DateTimeFormatOptions = { hour: '2-digit', minute: '2-digit', hourCycle: 'h23' };

/** "Thu 24 Dec, 09:00" in the user's zone. */
export const dayAndTime = (at: Date, timeZone: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone, ...DAY, ...TIME }).format(at);

/** An all-day due as a day ("Thu 24 Dec"); the date is already the user's. */
export const calendarDay = (date: string) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: 'UTC', ...DAY }).format(
    new Date(`${date}T12:00:00Z`),
  );

/** A task's due in words for a message, in the user's zone. */
export const dueInWords = (due: { dueAt: Date | null; dueDate: string | null }, zone: string) =>
  due.dueAt ? dayAndTime(due.dueAt, zone) : due.dueDate ? calendarDay(due.dueDate) : null;
