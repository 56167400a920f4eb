import type { TTaskPriority } from '@todo/contracts';
import * as chrono from 'chrono-node';
import { squeeze, stripQuotes, trimEndChars, trimStartChars, unquote } from './text.js';

/**
 * The offline assistant's grammar: one utterance → one command, deterministically. Dates are read
 * with chrono in UTC, matching the task contract (a calendar date is midnight UTC).
 *
 * Every pattern here must stay linear on hostile input (test/regex-safety.test.ts checks each one):
 * the text is folded to single spaces first, so patterns say ' ' instead of `\s+`, and a capture
 * that runs to the end is `(.+)$` with the `s` flag, which cannot fail once reached.
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

const priorityOf = (word: string | undefined): TTaskPriority | undefined =>
  word === undefined ? undefined : PRIORITY_WORD[word.toLowerCase()];

const TAG = /(?:^|\s)#([\p{L}\p{N}_-]+)/gu;

/** "3", "task 3", "#3", "number 3", "the milk task", "buy milk" → a reference. */
export function parseRef(raw: string | undefined): TaskRef | undefined {
  if (raw === undefined) return undefined;
  const text = trimEndChars(stripQuotes(squeeze(raw)), '.!?').trim();
  const id = /^(?:the )?(?:(?:task|todo|item|number|no\.?) ?)?#? ?(?<id>\d{1,10})$/i.exec(text);
  if (id?.groups?.id) return { id: Number(id.groups.id) };
  const words = stripQuotes(
    text
      .replace(/^(?:the|my|that|this) /i, '')
      .replace(/ (?:task|todo|item|one)$/i, '')
      .replace(/^(?:task|todo) /i, ''),
  ).trim();
  return words ? { words } : undefined;
}

function parsePriority(text: string): TTaskPriority | undefined {
  const match =
    /\b(?<level>high|low|medium|normal|top)[- ]{1,3}priority\b/i.exec(text) ??
    /\bpriority ?(?:is ?|:|=)? ?(?<level>high|low|medium|normal)\b/i.exec(text) ??
    /!(?<level>high|low|medium)\b/i.exec(text) ??
    /\b(?<level>urgent|important)\b/i.exec(text);
  return priorityOf(match?.groups?.level);
}

const PRIORITY_PHRASES = [
  /,? ?\b(?:with )?(?:a )?(?:high|low|medium|normal|top)[- ]{1,3}priority\b/gi,
  /,? ?\bpriority ?(?:is ?|:|=)? ?(?:high|low|medium|normal)\b/gi,
  /,? ?!(?:high|low|medium)\b/gi,
  /,? ?\b(?:urgent|important)\b/gi,
];

/** Calendar date (YYYY-MM-DD) when no time was said, else an exact instant. */
function toDueDate(result: chrono.ParsedResult): string {
  const start = result.start;
  if (start.isCertain('hour')) return start.date().toISOString();
  const date = start.date();
  return date.toISOString().slice(0, 10);
}

/**
 * How far into a text chrono looks for a date. chrono reads every date in what it is given, at a
 * few microseconds a character; a title is at most 200 characters, so a task whose date stands
 * further in would be refused anyway, and a long message cannot keep the parser busy.
 */
const DATE_SCAN_MAX = 400;

/** The first date said in `text`: its due value, and where it stands (`index`, `text`). */
export function parseDate(
  text: string,
  now: Date,
): { due: string; text: string; index: number } | undefined {
  const [result] = chrono.parse(
    text.slice(0, DATE_SCAN_MAX),
    { instant: now, timezone: 'UTC' },
    { forwardDate: true },
  );
  if (!result) return undefined;
  return { due: toDueDate(result), text: result.text, index: result.index };
}

function parseAdd(rest: string, now: Date): Command {
  let text = rest.replace(
    /^(?:a )?(?:new )?(?:task|todo|item|reminder)\b ?(?::|to\b|called\b|named\b)? ?/i,
    '',
  );
  const tags = [...text.matchAll(TAG)].flatMap((match) => match[1]?.toLowerCase() ?? []);
  text = squeeze(text.replace(TAG, ' '));
  const priority = parsePriority(text);
  for (const phrase of PRIORITY_PHRASES) text = text.replace(phrase, ' ');
  let due_date: string | undefined;
  const date = parseDate(text, now);
  if (date) {
    due_date = date.due;
    // The date goes, with the word that introduced it ("due", "by", "on", …).
    const before = text
      .slice(0, date.index)
      .replace(/,? ?(?:\b(?:due|by|on|at|for|before) ?)?$/i, '');
    text = `${before} ${text.slice(date.index + date.text.length)}`;
  }
  const trimmed = trimEndChars(trimStartChars(squeeze(text), ' ,;:-'), ' ,;:.-');
  const title = unquote(trimmed.replace(/ (?:and|with|,)$/i, '')).trim();
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
    !/\b(?:not|un|yet to be|left to be) ?(?:done|completed|finished)\b/.test(lower)
  ) {
    filter.status = 'completed';
  }
  if (/\b(?:all|everything|every task)\b/.test(lower)) filter.status = 'all';
  const priority = parsePriority(lower);
  if (priority) filter.priority = priority;
  const tag = /#([\p{L}\p{N}_-]+)/u.exec(lower) ?? /\btagged ([\p{L}\p{N}_-]+)/u.exec(lower);
  if (tag?.[1]) filter.tag = tag[1];
  const about = /\b(?:about|mentioning|containing|with the word|matching) (?<words>.+)$/s.exec(text)
    ?.groups?.words;
  const search = about === undefined ? '' : stripQuotes(about).trim();
  if (search) filter.search = search;
  return { kind: 'list', filter };
}

/** Words a person uses when they say they did something: "I bought the milk" → "buy the milk". */
function parseReportedDone(text: string): TaskRef | undefined {
  const groups =
    /^i(?:'ve| have)? (?:(?:just|already|finally) )*(?<verb>[a-z]+) (?<rest>.+)$/is.exec(
      text,
    )?.groups;
  if (!groups?.verb) return undefined;
  const verb = groups.verb.toLowerCase();
  const isPast = verb.endsWith('ed') || PAST_TENSES.has(verb);
  if (!isPast || ['need', 'wanted', 'needed', 'forgot'].includes(verb)) return undefined;
  return parseRef(`${verb} ${groups.rest}`);
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

/** What a rule's pattern captured: the task it is about, and what to do with it. */
type Captures = { ref?: string; value?: string };

/** A phrasing of one command: when `pattern` matches, `build` makes the command (or passes). */
type Rule = { pattern: RegExp; build: (captures: Captures, now: Date) => Command | undefined };

/** The command of the first rule whose pattern matches and whose `build` accepts the match. */
function applyRules(rules: readonly Rule[], text: string, now: Date): Command | undefined {
  for (const { pattern, build } of rules) {
    const captures = pattern.exec(text)?.groups;
    const command = captures && build(captures, now);
    if (command) return command;
  }
  return undefined;
}

const update = (ref: string | undefined, patch: TaskPatch): Command | undefined => {
  const task = parseRef(ref);
  return task && { kind: 'update', ref: task, patch };
};

const rename: Rule['build'] = ({ ref, value = '' }) => {
  const title = unquote(value.trim());
  return title ? update(ref, { title }) : undefined;
};

const setPriority: Rule['build'] = ({ ref, value = '' }) => {
  const priority = priorityOf(value.split(' ')[0]);
  return priority && update(ref, { priority });
};

const reschedule: Rule['build'] = ({ ref, value = '' }, now) => {
  const task = parseRef(ref);
  if (!task) return undefined;
  const date = parseDate(value, now);
  return date
    ? { kind: 'update', ref: task, patch: { due_date: date.due } }
    : { kind: 'unknown', reason: 'bad-date' };
};

const tagWords = (text: string, separators: RegExp): string[] =>
  text
    .split(separators)
    .map((tag) => tag.replace(/^#/, '').toLowerCase())
    .filter((tag) => tag && tag !== 'and');

const addTags =
  (separators: RegExp): Rule['build'] =>
  ({ ref, value = '' }) => {
    const tags = tagWords(value, separators);
    return tags.length ? update(ref, { addTags: tags }) : undefined;
  };

/** "tag 3 #work #home": the trailing run of #words are the tags, what comes before is the task. */
const addTrailingTags: Rule['build'] = ({ value = '' }, now) => {
  const words = value.split(' ');
  let first = words.length;
  while (first > 1 && words[first - 1]?.startsWith('#')) first--;
  if (first === words.length) return undefined;
  const ref = words.slice(0, first).join(' ');
  return addTags(/ /)({ ref, value: words.slice(first).join(' ') }, now);
};

const removeTags: Rule['build'] = ({ ref, value = '' }) => {
  const tags = tagWords(value, / /);
  return tags.length ? update(ref, { removeTags: tags }) : undefined;
};

const UPDATE_RULES: readonly Rule[] = [
  // rename
  {
    pattern:
      /^(?:rename|retitle|change the (?:title|name) of) (?<ref>.+?) (?:to|as|into) (?<value>.+)$/is,
    build: rename,
  },
  { pattern: /^change (?<ref>the .+?) (?:to|as|into) (?<value>.+)$/is, build: rename },
  // clear the due date
  {
    pattern:
      /^(?:remove|clear|delete|drop|unset) (?:the )?(?:due date|deadline|date) (?:from|of|for|on) (?<ref>.+)$/is,
    build: ({ ref }) => update(ref, { due_date: null }),
  },
  // reprioritise
  {
    pattern:
      /^(?:set|change|update) (?:the )?priority (?:of|for|on) (?<ref>.+?) to (?<value>high|low|medium|normal|urgent)$/is,
    build: setPriority,
  },
  {
    pattern:
      /^(?:make|set|mark|change|update|move) (?<ref>.+?) (?:to |as )?(?:a )?(?<value>high|low|medium|normal|urgent|important|top)(?:[- ]{1,3}priority)?$/is,
    build: setPriority,
  },
  {
    pattern: /^(?<ref>.+?) is (?<value>urgent|important|high priority|low priority)$/is,
    build: setPriority,
  },
  {
    pattern: /^(?:prioriti[sz]e|bump|escalate) (?<ref>.+)$/is,
    build: ({ ref }) => update(ref, { priority: 'high' }),
  },
  {
    pattern: /^(?:deprioriti[sz]e|lower) (?:the priority of )?(?<ref>.+)$/is,
    build: ({ ref }) => update(ref, { priority: 'low' }),
  },
  // reschedule
  {
    pattern:
      /^(?:move|reschedule|postpone|push|delay|shift|defer) (?<ref>.+?) (?:back |out )?(?:to|until|till|for|by) (?<value>.+)$/is,
    build: reschedule,
  },
  {
    pattern:
      /^(?:set|change|update) (?:the )?(?:due date|deadline|due) (?:of|for|on) (?<ref>.+?) to (?<value>.+)$/is,
    build: reschedule,
  },
  {
    pattern: /^(?:make|set) (?<ref>.+?) (?:as )?due (?:on |by )?(?<value>.+)$/is,
    build: reschedule,
  },
  { pattern: /^(?<ref>.+?) is (?:now )?due (?<value>.+)$/is, build: reschedule },
  // tag and untag
  { pattern: /^tag (?<ref>.+?) (?:with|as) (?<value>.+)$/is, build: addTags(/[\s,]+/) },
  { pattern: /^tag (?<value>.+)$/is, build: addTrailingTags },
  {
    pattern: /^(?:remove|untag|delete|drop) (?<value>#[^ ]+(?: #[^ ]+)*) from (?<ref>.+)$/is,
    build: removeTags,
  },
  { pattern: /^add (?<value>#[^ ]+(?: #[^ ]+)*) to (?<ref>.+)$/is, build: addTags(/ /) },
];

const reopen: Rule['build'] = ({ ref }) => {
  const task = parseRef(ref);
  return task && { kind: 'complete', ref: task, completed: false };
};

const complete: Rule['build'] = ({ ref }) => {
  const task = parseRef(ref?.replace(/ off$/i, ''));
  return task && { kind: 'complete', ref: task, completed: true };
};

/** Reopen comes before complete: "mark 3 as not done" is not "mark 3 as … done". */
const COMPLETION_RULES: readonly Rule[] = [
  {
    pattern:
      /^(?:reopen|re-open|undo|uncheck|unmark|uncomplete|un-complete|restore|unfinish) (?<ref>.+)$/is,
    build: reopen,
  },
  {
    pattern:
      /^mark (?<ref>.+?) (?:as )?(?:not done|undone|incomplete|not complete|open|pending|todo|to do)$/is,
    build: reopen,
  },
  {
    pattern:
      /^(?<ref>.+?) (?:is|isn't|is not) (?:not )?(?:done|finished|complete) (?:yet|after all)$/is,
    build: reopen,
  },
  { pattern: /^(?<ref>.+?) is not (?:done|finished|complete)$/is, build: reopen },
  {
    pattern:
      /^(?:i'?m )?(?:done with|finished with|through with|finished|finish|complete|completed|check off|tick off|tick|cross off|close|did) (?<ref>.+)$/is,
    build: complete,
  },
  {
    pattern: /^mark (?<ref>.+?) (?:as )?(?:done|complete|completed|finished)$/is,
    build: complete,
  },
  { pattern: /^(?<ref>.+?) (?:is|was) (?:done|finished|complete|completed)$/is, build: complete },
  { pattern: /^(?<ref>.+?) (?:done|completed|finished)$/is, build: complete },
];

const DELETE_RULE =
  /^(?:delete|remove|drop|trash|erase|get rid of|cancel|forget about|forget|scrap|discard) (?<ref>.+)$/is;

const ADD_RULE =
  /^(?:add|create|new|make a task|make a new task|remember to|remind me to|todo:|to-?do:|i need to|i have to|i must|i should|don't let me forget to|put) (?<value>.+)$/is;

export function parseCommand(utterance: string, now: Date): Command {
  const text = squeeze(utterance)
    .replace(/^(?:hey|hi|ok|okay|please|pls|can you|could you|would you|kindly)[, ]+/i, '')
    .replace(/^(?:please|pls)[, ]+/i, '')
    .replace(/[, ]{1,3}(?:please|pls|thanks|thank you)[.!]*$/i, '')
    .trim();
  const bare = trimEndChars(text, '.!?').trim();
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
    /^(?:delete|remove|complete|finish|mark|clear|done with|tick off) (?:all|every|everything|each)\b/.test(
      lower,
    )
  ) {
    return { kind: 'unknown', reason: 'bulk' };
  }

  const command = applyRules(UPDATE_RULES, bare, now) ?? applyRules(COMPLETION_RULES, bare, now);
  if (command) return command;
  const reported = parseReportedDone(bare);
  if (reported) return { kind: 'complete', ref: reported, completed: true };

  const deleted = parseRef(DELETE_RULE.exec(bare)?.groups?.ref);
  if (deleted) return { kind: 'delete', ref: deleted };

  const toAdd = ADD_RULE.exec(text)?.groups?.value;
  if (toAdd !== undefined) {
    return parseAdd(toAdd.replace(/ (?:to|on) (?:my|the) (?:list|todo list|tasks)$/i, ''), now);
  }

  return parseList(bare) ?? { kind: 'unknown' };
}
