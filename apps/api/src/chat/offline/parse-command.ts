import type { TTaskPriority } from '@todo/contracts';
import * as chrono from 'chrono-node';

/**
 * The offline assistant's grammar: one utterance → one command, deterministically. Dates are read
 * with chrono in UTC, matching the task contract (a calendar date is midnight UTC).
 */

export type TaskRef = { id: number } | { words: string };

export type ListFilter = {
  status: 'pending' | 'completed' | 'all';
  priority?: TTaskPriority;
  tag?: string;
  search?: string;
  due?: 'today' | 'tomorrow' | 'week' | 'overdue';
};

export type TaskPatch = {
  title?: string;
  due_date?: string | null;
  priority?: TTaskPriority;
  addTags?: string[];
  removeTags?: string[];
};

export type Command =
  | { kind: 'help' }
  | { kind: 'greeting' }
  | {
      kind: 'add';
      title: string;
      priority?: TTaskPriority;
      due_date?: string;
      tags: string[];
    }
  | { kind: 'list'; filter: ListFilter }
  | { kind: 'complete'; ref: TaskRef; completed: boolean }
  | { kind: 'delete'; ref: TaskRef }
  | { kind: 'update'; ref: TaskRef; patch: TaskPatch }
  | { kind: 'unknown'; reason?: string };

const PRIORITY_WORD: Record<string, TTaskPriority> = {
  high: 'high',
  urgent: 'high',
  important: 'high',
  top: 'high',
  low: 'low',
  medium: 'medium',
  normal: 'medium',
};

const TAG = /(?:^|\s)#([\p{L}\p{N}_-]+)/gu;

/** "3", "task 3", "#3", "number 3", "the milk task", "buy milk" → a reference. */
export function parseRef(raw: string): TaskRef | undefined {
  const text = raw
    .trim()
    .replace(/^["'“‘]|["'”’]$/g, '')
    .replace(/[.!?]+$/, '')
    .trim();
  const id = /^(?:the\s+)?(?:task|todo|item|number|no\.?)?\s*#?\s*(\d{1,10})$/i.exec(text);
  if (id) return { id: Number(id[1]) };
  const words = text
    .replace(/^(?:the|my|that|this)\s+/i, '')
    .replace(/\s+(?:task|todo|item|one)$/i, '')
    .replace(/^(?:task|todo)\s+/i, '')
    .replace(/^["'“‘]|["'”’]$/g, '')
    .trim();
  return words ? { words } : undefined;
}

function parsePriority(text: string): TTaskPriority | undefined {
  const match =
    /\b(high|low|medium|normal|top)[-\s]+priority\b/i.exec(text) ??
    /\bpriority\s*(?:is\s*|:|=)?\s*(high|low|medium|normal)\b/i.exec(text) ??
    /!(high|low|medium)\b/i.exec(text) ??
    /\b(urgent|important)\b/i.exec(text);
  return match ? PRIORITY_WORD[match[1]!.toLowerCase()] : undefined;
}

const PRIORITY_PHRASES = [
  /,?\s*\b(?:with\s+)?(?:a\s+)?(?:high|low|medium|normal|top)[-\s]+priority\b/gi,
  /,?\s*\bpriority\s*(?:is\s*|:|=)?\s*(?:high|low|medium|normal)\b/gi,
  /,?\s*!(?:high|low|medium)\b/gi,
  /,?\s*\b(?:urgent|important)\b/gi,
];

/** Calendar date (YYYY-MM-DD) when no time was said, else an exact instant. */
function toDueDate(result: chrono.ParsedResult): string {
  const start = result.start;
  if (start.isCertain('hour')) return start.date().toISOString();
  const date = start.date();
  return date.toISOString().slice(0, 10);
}

export function parseDate(text: string, now: Date): { due: string; text: string } | undefined {
  const [result] = chrono.parse(text, { instant: now, timezone: 'UTC' }, { forwardDate: true });
  if (!result) return undefined;
  return { due: toDueDate(result), text: result.text };
}

function parseAdd(rest: string, now: Date): Command {
  let text = rest.replace(
    /^(?:a\s+)?(?:new\s+)?(?:task|todo|item|reminder)\b\s*(?::|to\b|called\b|named\b)?\s*/i,
    '',
  );
  const tags = [...text.matchAll(TAG)].map((match) => match[1]!.toLowerCase());
  text = text.replace(TAG, ' ');
  const priority = parsePriority(text);
  for (const phrase of PRIORITY_PHRASES) text = text.replace(phrase, ' ');
  let due_date: string | undefined;
  const date = parseDate(text, now);
  if (date) {
    due_date = date.due;
    const escaped = date.text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    text = text.replace(
      new RegExp(`,?\\s*(?:\\b(?:due|by|on|at|for|before)\\s+)?${escaped}`, 'i'),
      ' ',
    );
  }
  const title = text
    .replace(/\s+/g, ' ')
    .replace(/^[\s,;:-]+|[\s,;:.-]+$/g, '')
    .replace(/\s+(?:and|with|,)$/i, '')
    .replace(/^["'“‘](.*)["'”’]$/, '$1')
    .trim();
  if (!title) return { kind: 'unknown', reason: 'add-without-title' };
  return { kind: 'add', title, priority, due_date, tags: [...new Set(tags)] };
}

const LIST_START =
  /^(?:show|list|what|what's|whats|which|any|anything|view|see|display|give me|tell me|how many|do i have|is there|are there)\b/i;
const LIST_WORDS =
  /\b(?:left|tasks?|todos?|to-?dos?|to do|due|overdue|late|pending|open|done|completed|finished|priority|urgent|important|remaining|list|everything|all|today|tonight|tomorrow|week|have|plate|agenda|tagged)\b|#/;

function parseList(text: string): Command | undefined {
  const lower = text.toLowerCase();
  const filter: ListFilter = { status: 'pending' };
  const isListy =
    (LIST_START.test(lower) && LIST_WORDS.test(lower)) ||
    /^(?:tasks|todos?|to-?do list|my (?:tasks|todos?|list)|pending|open tasks|overdue|done|completed|finished)\b/.test(
      lower,
    );
  if (!isListy) return undefined;

  if (/\b(?:overdue|late|past due|behind)\b/.test(lower)) filter.due = 'overdue';
  else if (/\b(?:today|tonight)\b/.test(lower)) filter.due = 'today';
  else if (/\btomorrow\b/.test(lower)) filter.due = 'tomorrow';
  else if (/\bthis week\b|\bweek\b/.test(lower)) filter.due = 'week';

  if (
    /\b(?:done|completed|finished|closed)\b/.test(lower) &&
    !/\b(?:not|un|yet to be|left to be)\s*(?:done|completed|finished)\b/.test(lower)
  ) {
    filter.status = 'completed';
  }
  if (/\b(?:all|everything|every task)\b/.test(lower)) filter.status = 'all';
  const priority = parsePriority(lower);
  if (priority) filter.priority = priority;
  const tag = /#([\p{L}\p{N}_-]+)/u.exec(lower) ?? /\btagged\s+([\p{L}\p{N}_-]+)/u.exec(lower);
  if (tag) filter.tag = tag[1]!;
  const about =
    /\b(?:about|mentioning|containing|with the word|matching)\s+["'“]?(.+?)["'”]?$/.exec(text);
  if (about) filter.search = about[1]!.trim();
  return { kind: 'list', filter };
}

/** Words a person uses when they say they did something: "I bought the milk" → "buy the milk". */
function parseReportedDone(text: string): TaskRef | undefined {
  const match =
    /^i(?:'ve|\s+have)?\s+(?:just\s+|already\s+|finally\s+)*([a-z]+)\s+(.+)$/i.exec(text) ??
    undefined;
  if (!match) return undefined;
  const verb = match[1]!.toLowerCase();
  const isPast = /ed$/.test(verb) || PAST_TENSES.has(verb);
  if (!isPast || ['need', 'wanted', 'needed', 'forgot'].includes(verb)) return undefined;
  return parseRef(`${verb} ${match[2]}`);
}

const PAST_TENSES = new Set([
  'bought',
  'brought',
  'did',
  'done',
  'went',
  'paid',
  'sent',
  'wrote',
  'made',
  'took',
  'got',
  'fed',
  'ran',
  'found',
  'sold',
  'met',
  'read',
  'drove',
  'gave',
  'ate',
  'told',
  'finished',
  'completed',
]);

function parseUpdate(text: string, now: Date): Command | undefined {
  let match: RegExpExecArray | null;
  // rename
  match =
    /^(?:rename|retitle|change the (?:title|name) of|change|call)\s+(.+?)\s+(?:to|as|into)\s+(.+)$/i.exec(
      text,
    );
  if (match && /^(?:rename|retitle|change the)/i.test(text)) {
    const ref = parseRef(match[1]!);
    const title = match[2]!.trim().replace(/^["'“‘](.*)["'”’]$/, '$1');
    if (ref && title) return { kind: 'update', ref, patch: { title } };
  }
  // clear the due date
  match =
    /^(?:remove|clear|delete|drop|unset)\s+(?:the\s+)?(?:due date|deadline|date)\s+(?:from|of|for|on)\s+(.+)$/i.exec(
      text,
    );
  if (match) {
    const ref = parseRef(match[1]!);
    if (ref) return { kind: 'update', ref, patch: { due_date: null } };
  }
  // reprioritise
  match =
    /^(?:set|change|update)\s+(?:the\s+)?priority\s+(?:of|for|on)\s+(.+?)\s+to\s+(high|low|medium|normal|urgent)$/i.exec(
      text,
    ) ??
    /^(?:make|set|mark|change|update|move)\s+(.+?)\s+(?:to\s+|as\s+)?(?:a\s+)?(high|low|medium|normal|urgent|important|top)(?:[-\s]+priority)?$/i.exec(
      text,
    ) ??
    /^(.+?)\s+is\s+(urgent|important|high priority|low priority)$/i.exec(text);
  if (match) {
    const ref = parseRef(match[1]!);
    const priority = PRIORITY_WORD[match[2]!.toLowerCase().split(/\s/)[0]!];
    if (ref && priority) return { kind: 'update', ref, patch: { priority } };
  }
  match = /^(?:prioriti[sz]e|bump|escalate)\s+(.+)$/i.exec(text);
  if (match) {
    const ref = parseRef(match[1]!);
    if (ref) return { kind: 'update', ref, patch: { priority: 'high' } };
  }
  match = /^(?:deprioriti[sz]e|lower)\s+(?:the\s+priority\s+of\s+)?(.+)$/i.exec(text);
  if (match) {
    const ref = parseRef(match[1]!);
    if (ref) return { kind: 'update', ref, patch: { priority: 'low' } };
  }
  // reschedule
  match =
    /^(?:move|reschedule|postpone|push|delay|shift|defer)\s+(.+?)\s+(?:back\s+|out\s+)?(?:to|until|till|for|by)\s+(.+)$/i.exec(
      text,
    ) ??
    /^(?:set|change|update)\s+(?:the\s+)?(?:due date|deadline|due)\s+(?:of|for|on)\s+(.+?)\s+to\s+(.+)$/i.exec(
      text,
    ) ??
    /^(?:make|set)\s+(.+?)\s+(?:as\s+)?due\s+(?:on\s+|by\s+)?(.+)$/i.exec(text) ??
    /^(.+?)\s+is\s+(?:now\s+)?due\s+(.+)$/i.exec(text);
  if (match) {
    const ref = parseRef(match[1]!);
    const date = parseDate(match[2]!, now);
    if (ref && date) return { kind: 'update', ref, patch: { due_date: date.due } };
    if (ref) return { kind: 'unknown', reason: 'bad-date' };
  }
  // tag
  match =
    /^tag\s+(.+?)\s+(?:with|as)\s+(.+)$/i.exec(text) ??
    /^tag\s+(.+?)\s+((?:#\S+\s*)+)$/i.exec(text);
  if (match) {
    const ref = parseRef(match[1]!);
    const tags = match[2]!
      .split(/[\s,]+/)
      .map((tag) => tag.replace(/^#/, '').toLowerCase())
      .filter((tag) => tag && tag !== 'and');
    if (ref && tags.length) return { kind: 'update', ref, patch: { addTags: tags } };
  }
  match = /^(?:remove|untag|delete|drop)\s+((?:#\S+\s*)+)\s*from\s+(.+)$/i.exec(text);
  if (match) {
    const ref = parseRef(match[2]!);
    const tags = match[1]!
      .split(/\s+/)
      .map((tag) => tag.replace(/^#/, '').toLowerCase())
      .filter(Boolean);
    if (ref && tags.length) return { kind: 'update', ref, patch: { removeTags: tags } };
  }
  match = /^add\s+((?:#\S+\s*)+)\s*to\s+(.+)$/i.exec(text);
  if (match) {
    const ref = parseRef(match[2]!);
    const tags = match[1]!
      .split(/\s+/)
      .map((tag) => tag.replace(/^#/, '').toLowerCase())
      .filter(Boolean);
    if (ref && tags.length) return { kind: 'update', ref, patch: { addTags: tags } };
  }
  return undefined;
}

export function parseCommand(utterance: string, now: Date): Command {
  const text = utterance
    .trim()
    .replace(/\s+/g, ' ')
    .replace(/^(?:hey|hi|ok|okay|please|pls|can you|could you|would you|kindly)[,\s]+/i, '')
    .replace(/^(?:please|pls)[,\s]+/i, '')
    .replace(/[,\s]+(?:please|pls|thanks|thank you)[.!]*$/i, '')
    .trim();
  const bare = text.replace(/[.!?]+$/, '').trim();
  const lower = bare.toLowerCase();

  if (!lower) return { kind: 'unknown' };
  if (
    /^(?:help|\?|commands|what can you do|what do you do|how does this work|how do i use this|what can i say)\b/.test(
      lower,
    )
  ) {
    return { kind: 'help' };
  }
  if (/^(?:hi|hello|hey|good (?:morning|afternoon|evening)|thanks|thank you)$/.test(lower)) {
    return { kind: 'greeting' };
  }

  if (LIST_START.test(lower)) return parseList(bare) ?? { kind: 'unknown' };
  // Yes/no questions about a task ("is 3 done?") must never be read as commands.
  if (/^(?:is|are|was|were|did|does|do|has|have|when|why|where|who)\b/.test(lower)) {
    return parseList(bare) ?? { kind: 'unknown', reason: 'question' };
  }
  // Bulk changes are not supported: never let "delete all done tasks" match a title by words.
  if (
    /^(?:delete|remove|complete|finish|mark|clear|done with|tick off)\s+(?:all|every|everything|each)\b/.test(
      lower,
    )
  ) {
    return { kind: 'unknown', reason: 'bulk' };
  }

  const update = parseUpdate(bare, now);
  if (update) return update;

  let match: RegExpExecArray | null;
  // reopen (before complete: "mark 3 as not done")
  match =
    /^(?:reopen|re-open|undo|uncheck|unmark|uncomplete|un-complete|restore|unfinish)\s+(.+)$/i.exec(
      bare,
    ) ??
    /^mark\s+(.+?)\s+(?:as\s+)?(?:not done|undone|incomplete|not complete|open|pending|todo|to do)$/i.exec(
      bare,
    ) ??
    /^(.+?)\s+(?:is|isn't|is not)\s+(?:not\s+)?(?:done|finished|complete)\s+(?:yet|after all)$/i.exec(
      bare,
    ) ??
    /^(.+?)\s+is\s+not\s+(?:done|finished|complete)$/i.exec(bare);
  if (match) {
    const ref = parseRef(match[1]!);
    if (ref) return { kind: 'complete', ref, completed: false };
  }

  // complete
  match =
    /^(?:i'?m\s+)?(?:done with|finished with|through with|finished|finish|complete|completed|check off|tick off|tick|cross off|close|did)\s+(.+)$/i.exec(
      bare,
    ) ??
    /^mark\s+(.+?)\s+(?:as\s+)?(?:done|complete|completed|finished)$/i.exec(bare) ??
    /^(.+?)\s+(?:is|was)\s+(?:done|finished|complete|completed)$/i.exec(bare) ??
    /^(.+?)\s+(?:done|completed|finished)$/i.exec(bare);
  if (match) {
    const ref = parseRef(match[1]!.replace(/\s+off$/i, ''));
    if (ref) return { kind: 'complete', ref, completed: true };
  }
  const reported = parseReportedDone(bare);
  if (reported) return { kind: 'complete', ref: reported, completed: true };

  // delete
  match =
    /^(?:delete|remove|drop|trash|erase|get rid of|cancel|forget about|forget|scrap|discard)\s+(.+)$/i.exec(
      bare,
    );
  if (match) {
    const ref = parseRef(match[1]!);
    if (ref) return { kind: 'delete', ref };
  }

  // add
  match =
    /^(?:add|create|new|make a task|make a new task|remember to|remind me to|todo:|to-?do:|i need to|i have to|i must|i should|don't let me forget to|put)\s+(.+)$/i.exec(
      text,
    );
  if (match) {
    const rest = match[1]!.replace(/\s+(?:to|on) (?:my|the) (?:list|todo list|tasks)$/i, '');
    return parseAdd(rest, now);
  }

  const list = parseList(bare);
  if (list) return list;

  return { kind: 'unknown' };
}
