import {
  EXPORT_FORMAT,
  EXPORT_VERSION,
  IMPORT_TASKS_MAX,
  isKnownTimeZone,
  TASK_TAG_MAX,
  type TExportDocument,
  type TTaskPriority,
} from '@todo/contracts';
import { parse } from 'csv-parse/sync';
import { AppError } from '../errors/app-error.js';
import { phraseToRule } from '../recurrence/phrase-to-rule.js';
import { parseWhen } from '../time/parse-when.js';
import type { UserClock } from '../time/user-clock.js';

/**
 * Todoist's "Export as CSV" (one project per file) → our export document, so both formats go
 * through the same checks and writer. Columns, per Todoist's help centre: TYPE (task, section,
 * note), CONTENT (labels as "@name"), DESCRIPTION, PRIORITY (1 = p1, highest … 4 = no priority),
 * INDENT (1 = task, 2+ = sub-task), AUTHOR, RESPONSIBLE, DATE (natural language, "every monday"),
 * DATE_LANG, TIMEZONE; others (DURATION, DEADLINE, …) are ignored.
 */

type Row = Record<string, string>;

// p1 is Todoist's most urgent; p4 is what an ordinary task has ("no priority").
const PRIORITY: Record<string, TTaskPriority> = {
  '1': 'high',
  '2': 'medium',
  '3': 'low',
  '4': 'medium',
};

const invalid = (message: string) =>
  new AppError('validation_error', message, [{ path: 'body.csv', message }]);

/** "@Errands" → "errands"; letters, digits, "-" and "_" only, as our tags are. */
function labelToTag(label: string): string | undefined {
  const tag = label
    .toLowerCase()
    .replace(/[^\p{L}\p{N}_]+/gu, '-')
    .split('-')
    .filter(Boolean)
    .join('-')
    .slice(0, TASK_TAG_MAX);
  return tag || undefined;
}

export function todoistCsvToDocument(
  csv: string,
  listName: string,
  clock: UserClock,
): { document: TExportDocument; notes: string[] } {
  let rows: Row[];
  try {
    rows = parse(csv, {
      columns: true,
      skip_empty_lines: true,
      bom: true,
      relax_column_count: true,
      trim: true,
    });
  } catch (error) {
    throw invalid(`Not a readable CSV file: ${(error as Error).message}`);
  }
  const [header] = rows;
  if (header && !('TYPE' in header && 'CONTENT' in header)) {
    throw invalid('Not a Todoist export: the header needs TYPE and CONTENT columns');
  }
  const taskRows = rows.filter((row) => row.TYPE === 'task').length;
  if (taskRows > IMPORT_TASKS_MAX) {
    throw invalid(
      `The file has ${taskRows} tasks; at most ${IMPORT_TASKS_MAX} can be imported at once`,
    );
  }
  const notes: string[] = [];
  const now = new Date(clock.now.epochMilliseconds).toISOString();
  const tasks: TExportDocument['tasks'] = [];
  let parentRef: number | null = null;
  let section: string | undefined;
  for (const [index, row] of rows.entries()) {
    const line = index + 2;
    if (row.TYPE === 'section') {
      section = labelToTag(row.CONTENT ?? '');
      if (section) notes.push(`Line ${line}: section "${row.CONTENT}" became the tag #${section}`);
      continue;
    }
    if (row.TYPE === 'note') {
      const previous = tasks.at(-1);
      if (previous && row.CONTENT) {
        previous.description = [previous.description, row.CONTENT].filter(Boolean).join('\n\n');
      }
      continue;
    }
    if (row.TYPE !== 'task') {
      if (row.TYPE) notes.push(`Line ${line}: skipped a row of type "${row.TYPE}"`);
      continue;
    }
    const labels = [...(row.CONTENT ?? '').matchAll(/(?:^|\s)@([\p{L}\p{N}_-]{1,40})/gu)].map(
      (m) => m[1] ?? '',
    );
    const title = (row.CONTENT ?? '').replace(/(?:^|\s)@[\p{L}\p{N}_-]{1,40}/gu, '').trim();
    const tags = [...new Set([...(section ? [section] : []), ...labels.map(labelToTag)])].filter(
      (tag): tag is string => Boolean(tag),
    );
    const indent = Number(row.INDENT || '1');
    const isSubtask = indent >= 2 && parentRef !== null;
    if (indent >= 3)
      notes.push(`Line ${line}: "${title}" was nested ${indent - 1} deep; it is a subtask here`);
    const zone = row.TIMEZONE && isKnownTimeZone(row.TIMEZONE) ? row.TIMEZONE : clock.zone;
    const due = readDate(row.DATE ?? '', { ...clock, zone }, line, notes);
    if (due.recurrence && isSubtask) {
      notes.push(
        `Line ${line}: "${title}" repeated, but a subtask cannot repeat here; it does not`,
      );
    }
    const ref = tasks.length;
    tasks.push({
      ref,
      list_ref: 0,
      parent_ref: isSubtask ? parentRef : null,
      title: title.slice(0, 200) || '(untitled)',
      description: row.DESCRIPTION ? row.DESCRIPTION.slice(0, 2000) : null,
      completed: false,
      priority: PRIORITY[row.PRIORITY ?? ''] ?? 'medium',
      due_date: due.date ?? null,
      due_at: due.at ?? null,
      recurrence: isSubtask ? null : (due.recurrence ?? null),
      recurrence_from: due.from ?? 'due',
      tags: tags.slice(0, 10),
      created_at: now,
      completed_at: null,
      kanban_column: null,
      reminders: [],
    });
    if (!isSubtask) parentRef = ref;
  }
  return {
    document: {
      format: EXPORT_FORMAT,
      version: EXPORT_VERSION,
      exported_at: now,
      user: { time_zone: clock.zone, week_start: clock.weekStart },
      lists: [
        { ref: 0, name: listName, color: 'red', position: 0, is_inbox: false, kanban_columns: [] },
      ],
      tasks,
      conversations: [],
    },
    notes,
  };
}

type ReadDate = { date?: string; at?: string; recurrence?: string; from?: 'due' | 'completion' };

/** Todoist's DATE is what the person typed: "every monday", "tomorrow 9am", "Dec 24". */
function readDate(text: string, clock: UserClock, line: number, notes: string[]): ReadDate {
  if (!text) return {};
  // "every monday at 9am": the rule, then the time of day.
  const at = text.toLowerCase().lastIndexOf(' at ');
  const phrase = phraseToRule(at > 0 ? text.slice(0, at) : text) ?? phraseToRule(text);
  if (phrase) {
    const when = at > 0 ? parseWhen(`today ${text.slice(at + 4)}`, clock) : undefined;
    return {
      recurrence: phrase.rule,
      from: phrase.from,
      ...(when?.kind === 'at' ? { at: when.at } : {}),
    };
  }
  const when = parseWhen(text, clock);
  if (!when) {
    notes.push(`Line ${line}: could not read the date "${text}"; the task has no due date`);
    return {};
  }
  return when.kind === 'date' ? { date: when.date } : { at: when.at };
}
