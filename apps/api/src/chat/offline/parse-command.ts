import type { TTaskPriority } from '@todo/contracts';
import { parseQuickAdd } from '../../quick-add/parse-quick-add.js';
import { parseWhen } from '../../time/parse-when.js';
import type { UserClock } from '../../time/user-clock.js';
import { squeeze, stripQuotes, trimEndChars, trimStartChars, unquote } from './text.js';

/**
 * The offline assistant's grammar: one utterance → one command, deterministically. An add is
 * handed on in the quick-add grammar (one grammar for the board, the parse endpoint and this);
 * every other date is read by the same `parseWhen`, in the user's zone.
 *
 * Every pattern here must stay linear on hostile input (test/regex-safety.test.ts checks each one):
 * the text is folded to single spaces first, so patterns say ' ' instead of `\s+`, and a capture
 * that runs to the end is `(.+)$` with the `s` flag, which cannot fail once reached.
 */

/** A task by id, by words, or "it": the last task this conversation was about. */
export type TaskRef = { id: number } | { words: string } | { last: true };

export type ListFilter = {
  status: 'pending' | 'completed' | 'all';
  priority?: TTaskPriority;
  tag?: string;
  search?: string;
  due?: 'today' | 'tomorrow' | 'this_week' | 'overdue';
  /** A list by name ("show Groceries"), matched against the user's lists by the assistant. */
  list?: string;
};

export type TaskPatch = {
  title?: string;
  clearDue?: true;
  priority?: TTaskPriority;
  addTags?: string[];
  removeTags?: string[];
};

/** "milk to Groceries": the text before the preposition and the words that may name a list. */
export type ListCandidate = { before: string; name: string; explicit: boolean };

export type Command =
  | { kind: 'help' }
  | { kind: 'greeting' }
  | {
      kind: 'add';
      /** Quick-add text: title(s), dates, recurrence, #tags, @list. */
      text: string;
      /** A quoted title, kept whole (`text` then holds only the rest). */
      title?: string;
      priority?: TTaskPriority;
      list?: ListCandidate;
      parent?: TaskRef;
    }
  | { kind: 'list'; filter: ListFilter }
  | { kind: 'complete'; ref: TaskRef; completed: boolean }
  | { kind: 'delete'; ref: TaskRef }
  | { kind: 'update'; ref: TaskRef; patch: TaskPatch }
  | { kind: 'reschedule'; ref: TaskRef; change: DueChange }
  | { kind: 'move'; ref: TaskRef; list: string }
  /** "remind me about the dentist an hour before": minutes before the task's due. */
  | { kind: 'remind_before'; ref: TaskRef; beforeMinutes: number }
  /** "remind me tomorrow at 9 to call mom": a task by words (made if none) and an instant. */
  | { kind: 'remind_at'; what: string; at: string }
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

/** Words for the task the conversation was last about. */
const LAST_TASK =
  /^(?:it|that|this|that one|this one|the last one|that task|this task|the same one)$/i;

/** "3", "task 3", "#3", "number 3", "the milk task", "buy milk" → a reference. */
export function parseRef(raw: string | undefined): TaskRef | undefined {
  if (raw === undefined) return undefined;
  const text = trimEndChars(stripQuotes(squeeze(raw)), '.!?').trim();
  if (LAST_TASK.test(text)) return { last: true };
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

/** A due or a shift said in words, resolved in the user's zone. */
export type DueChange =
  | { due_date: string }
  | { due_at: string }
  | { shift_days?: number; shift_hours?: number };

/**
 * How far into a text chrono looks for a date. chrono reads every date in what it is given, at a
 * few microseconds a character; a long message must not keep the parser busy.
 */
const DATE_SCAN_MAX = 400;

/** The first date or time said in `text`, in the user's zone: an all-day date or an instant. */
function spokenDue(
  text: string,
  clock: UserClock,
): { due_date: string } | { due_at: string } | undefined {
  const when = parseWhen(text.slice(0, DATE_SCAN_MAX), clock);
  if (!when) return undefined;
  return when.kind === 'date' ? { due_date: when.date } : { due_at: when.at };
}

/** Leads a person puts before the title ("add a new task: …", "create a reminder to …"). */
const ADD_LEAD = /^(?:a )?(?:new )?(?:task|todo|item|reminder)\b ?(?::|to\b|called\b|named\b)? ?/i;
const SUBTASK_OF =
  /^(?<value>.+?) (?:under|as a subtask of|as a sub-task of|as subtask of) (?<parent>.+)$/is;
const QUOTED_TITLE = /^["“‘'](?<title>[^"”’]{1,200})["”’'](?: (?<rest>.+))?$/s;

/**
 * An add in the quick-add grammar (the board's, see quick-add/parse-quick-add.ts): everyday
 * priority words become `!level`, a quoted title is kept whole, "under <task>" names a parent and
 * "to <list>" a list candidate (the assistant knows the user's lists; the grammar does not).
 */
function parseAdd(rest: string): Command {
  let text = squeeze(rest.replace(ADD_LEAD, ''));
  const subtask = SUBTASK_OF.exec(text)?.groups;
  const parent = parseRef(subtask?.parent);
  if (subtask?.value && parent) text = subtask.value;
  const priority = parsePriority(text);
  for (const phrase of PRIORITY_PHRASES) text = text.replace(phrase, ' ');
  text = trimEndChars(trimStartChars(squeeze(text), ' ,;:-'), ' ,;:.-');
  const quoted = QUOTED_TITLE.exec(text)?.groups;
  const title = quoted?.title?.trim();
  if (quoted) text = quoted.rest ?? '';
  if (!text && !title) return { kind: 'unknown', reason: 'add-without-title' };
  return {
    kind: 'add',
    text,
    title,
    priority,
    list: title ? undefined : listCandidate(text),
    parent,
  };
}

/** "my Groceries" → "Groceries". */
function withoutArticle(name: string): string {
  const lower = name.toLowerCase();
  const article = ['my ', 'the '].find((word) => lower.startsWith(word));
  return article ? name.slice(article.length) : name;
}

const LIST_PREPOSITIONS = [' to ', ' in ', ' into ', ' onto ', ' on '];

/**
 * "milk to Groceries", "milk on my shopping list": the words after the last preposition, which
 * may name a list (`explicit` when the person said "list"). Found by string search: linear.
 */
function listCandidate(text: string) {
  const lower = text.toLowerCase();
  const at = Math.max(...LIST_PREPOSITIONS.map((word) => lower.lastIndexOf(word)));
  if (at <= 0) return undefined;
  const after = text.slice(at + 1);
  let name = withoutArticle(after.slice(after.indexOf(' ') + 1));
  const explicit = name.toLowerCase().endsWith(' list');
  if (explicit) name = name.slice(0, -' list'.length);
  name = name.trim();
  return name && name.length <= 80 ? { before: text.slice(0, at), name, explicit } : undefined;
}

const LIST_START =
  /^(?:show|list|what|what's|whats|which|any|anything|view|see|display|give me|tell me|how many|do i have|is there|are there)\b/i;
const LIST_WORDS =
  /\b(?:left|tasks?|todos?|to-?dos?|to do|due|overdue|late|pending|open|done|completed|finished|priority|urgent|important|remaining|list|everything|all|today|tonight|tomorrow|week|have|plate|agenda|tagged)\b|#/;

/** "show Groceries", "what's in my Groceries list", "open the Work list": a list by name. */
const LIST_BY_NAME =
  /^(?:show|list|view|see|display|open|what's in|whats in|what is in|what's on|whats on) (?:me )?(?:my |the )?(?<name>[^#]+?)(?: list)?$/i;

/** "… in my Groceries list" → "Groceries" (string search: linear). */
function namedList(text: string): string | undefined {
  const lower = text.toLowerCase();
  if (!lower.endsWith(' list')) return undefined;
  const at = Math.max(lower.lastIndexOf(' in '), lower.lastIndexOf(' on '));
  if (at < 0) return undefined;
  return withoutArticle(text.slice(at + 4, -' list'.length)).trim() || undefined;
}

function parseList(text: string): Command | undefined {
  const lower = text.toLowerCase();
  const filter: ListFilter = { status: 'pending' };
  const isListy =
    (LIST_START.test(lower) && LIST_WORDS.test(lower)) ||
    /^(?:tasks|todos?|to-?do list|my (?:tasks|todos?|list)|pending|open tasks|overdue|done|completed|finished)\b/.test(
      lower,
    );
  if (!isListy) {
    const name = LIST_BY_NAME.exec(text)?.groups?.name?.trim();
    return name ? { kind: 'list', filter: { ...filter, list: name } } : undefined;
  }
  const named = namedList(text);
  if (named) filter.list = named;

  if (/\b(?:overdue|late|past due|behind)\b/.test(lower)) filter.due = 'overdue';
  else if (/\b(?:today|tonight)\b/.test(lower)) filter.due = 'today';
  else if (/\btomorrow\b/.test(lower)) filter.due = 'tomorrow';
  else if (/\bthis week\b|\bweek\b/.test(lower)) filter.due = 'this_week';

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
type Captures = { ref?: string; value?: string; verb?: string; dir?: string; after?: string };

/** A phrasing of one command: when `pattern` matches, `build` makes the command (or passes). */
type Rule = {
  pattern: RegExp;
  build: (captures: Captures, clock: UserClock) => Command | undefined;
};

/** The command of the first rule whose pattern matches and whose `build` accepts the match. */
function applyRules(rules: readonly Rule[], text: string, clock: UserClock): Command | undefined {
  for (const { pattern, build } of rules) {
    const captures = pattern.exec(text)?.groups;
    const command = captures && build(captures, clock);
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

const reschedule: Rule['build'] = ({ ref, value = '' }, clock) => {
  const task = parseRef(ref);
  if (!task) return undefined;
  const change = spokenDue(value, clock);
  return change
    ? { kind: 'reschedule', ref: task, change }
    : { kind: 'unknown', reason: 'bad-date' };
};

/** "move it to Friday" is a date; "move it to Work" (no date in it) is a list. */
const moveOrReschedule: Rule['build'] = (captures, clock) => {
  const dated = reschedule(captures, clock);
  if (dated?.kind !== 'unknown') return dated;
  const task = parseRef(captures.ref);
  const list = stripQuotes(captures.value ?? '').trim();
  return task && list ? { kind: 'move', ref: task, list } : dated;
};

const AMOUNTS: Record<string, number> = {
  a: 1,
  an: 1,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
};

/** "push it back a day", "postpone X by 2 days", "bring X forward a week" → a shift. */
const shift: Rule['build'] = ({ ref, value = '' }) => {
  const task = parseRef(ref);
  const [amount = '', unit = '', ...direction] = value.toLowerCase().split(' ');
  const count = AMOUNTS[amount] ?? Number(amount);
  if (!task || !Number.isInteger(count) || count <= 0) return undefined;
  const earlier = direction.some((word) => EARLIER.has(word));
  const signed = earlier ? -count : count;
  const change = unit.startsWith('hour')
    ? { shift_hours: signed }
    : { shift_days: unit.startsWith('week') ? signed * 7 : signed };
  return { kind: 'reschedule', ref: task, change };
};

const EARLIER = new Set(['bring', 'forward', 'earlier', 'sooner']);

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
const addTrailingTags: Rule['build'] = ({ value = '' }, clock) => {
  const words = value.split(' ');
  let first = words.length;
  while (first > 1 && words[first - 1]?.startsWith('#')) first--;
  if (first === words.length) return undefined;
  const ref = words.slice(0, first).join(' ');
  return addTags(/ /)({ ref, value: words.slice(first).join(' ') }, clock);
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
    build: ({ ref }) => update(ref, { clearDue: true }),
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
      /^(?<verb>push|move|postpone|delay|shift|defer|bring) (?<ref>.+?) (?<dir>back |out |forward |later |earlier )?(?:by )?(?<value>(?:a|an|one|two|three|four|five|six|seven|\d{1,3}) (?:day|days|week|weeks|hour|hours))(?<after> later| earlier| forward| back)?$/is,
    // The direction words go after amount and unit: "2 days bring forward" reads as earlier.
    build: ({ ref, verb, dir, value, after }, clock) =>
      shift({ ref, value: `${value} ${verb} ${dir ?? ''}${after ?? ''}` }, clock),
  },
  {
    pattern:
      /^(?:move|put) (?<ref>.+?) (?:to|into|in|onto) (?:the |my )?(?<value>.+?)(?: list)?$/is,
    build: moveOrReschedule,
  },
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

const AMOUNT: Record<string, number> = { a: 1, an: 1, one: 1, two: 2, three: 3, 'half an': 0.5 };
const UNIT_MINUTES: Record<string, number> = { m: 1, h: 60, d: 1440, w: 10_080 };

const REMIND_BEFORE =
  /^remind me (?:about|of) (?<ref>.+?) (?<amount>half an|an|a|one|two|three|\d{1,5}) ?(?<unit>minutes?|mins?|hours?|hrs?|h|days?|weeks?) (?:before|beforehand|ahead|early|earlier|in advance)$/is;
const REMIND_DAY_BEFORE = /^remind me (?:about|of) (?<ref>.+?) the (?<unit>day|week) before$/is;
const REMIND_AT = /^remind me (?<when>.+?) (?:to|about|of) (?<what>.+)$/is;

/**
 * "remind me about <task> an hour before" / "… the day before", and "remind me <when> to
 * <what>" where <when> is wholly a date-time ("remind me to call mom" stays an add).
 */
function parseRemind(text: string, clock: UserClock): Command | undefined {
  const before = REMIND_BEFORE.exec(text)?.groups ?? REMIND_DAY_BEFORE.exec(text)?.groups;
  if (before?.ref && before.unit) {
    const ref = parseRef(before.ref);
    const amount = before.amount
      ? (AMOUNT[before.amount.toLowerCase()] ?? Number(before.amount))
      : 1;
    const unit = UNIT_MINUTES[before.unit.toLowerCase().charAt(0)] ?? 1;
    if (ref) return { kind: 'remind_before', ref, beforeMinutes: Math.round(amount * unit) };
  }
  const at = REMIND_AT.exec(text)?.groups;
  if (!at?.when || !at.what || at.when.length > 100) return undefined;
  const when = parseWhen(at.when, clock);
  if (when?.kind !== 'at' || when.text.length !== at.when.trim().length) return undefined;
  const what = trimEndChars(stripQuotes(at.what.trim()), '.!?').trim();
  return what ? { kind: 'remind_at', what, at: when.at } : undefined;
}

const DELETE_RULE =
  /^(?:delete|remove|drop|trash|erase|get rid of|cancel|forget about|forget|scrap|discard) (?<ref>.+)$/is;

const ADD_RULE =
  /^(?:add|create|new|make a task|make a new task|remember to|remind me to|todo:|to-?do:|i need to|i have to|i must|i should|don't let me forget to|put) (?<value>.+)$/is;

export function parseCommand(utterance: string, clock: UserClock): Command {
  const text = squeeze(utterance)
    .replace(/^(?:hey|hi|ok|okay|please|pls|can you|could you|would you|kindly)[, ]+/i, '')
    .replace(/^(?:please|pls)[, ]+/i, '')
    // A follow-up: "and make it high priority", "also mark it done".
    .replace(/^(?:and|also|then|now|ok|okay)[, ]+/i, '')
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

  if (lower.startsWith('remind me ')) {
    const remind = parseRemind(bare, clock);
    if (remind) return remind;
  }

  const command =
    applyRules(UPDATE_RULES, bare, clock) ?? applyRules(COMPLETION_RULES, bare, clock);
  if (command) return command;
  const reported = parseReportedDone(bare);
  if (reported) return { kind: 'complete', ref: reported, completed: true };

  const deleted = parseRef(DELETE_RULE.exec(bare)?.groups?.ref);
  if (deleted) return { kind: 'delete', ref: deleted };

  const toAdd = ADD_RULE.exec(text)?.groups?.value;
  if (toAdd !== undefined) {
    return parseAdd(toAdd.replace(/ (?:to|on) (?:my|the) (?:list|todo list|tasks)$/i, ''));
  }

  return parseList(bare) ?? (repeats(bare, clock) ? parseAdd(text) : { kind: 'unknown' });
}

/** "pay rent every month on the 1st", said without "add", is still a task to add. */
const repeats = (text: string, clock: UserClock) =>
  text.length <= DATE_SCAN_MAX && parseQuickAdd(text, clock).recurrence !== undefined;
