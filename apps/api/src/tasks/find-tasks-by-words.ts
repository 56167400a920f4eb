import type { TTask } from '@todo/contracts';
import { and, desc, eq, isNull } from 'drizzle-orm';
import { tasks } from '../db/schema/tasks.js';
import type { TaskContext } from './task-context.js';
import { toTaskDto } from './to-task-dto.js';

/** Past tenses people use when they report a task done ("I bought the milk"). */
const IRREGULAR: Record<string, string> = {
  bought: 'buy',
  brought: 'bring',
  did: 'do',
  done: 'do',
  went: 'go',
  gone: 'go',
  paid: 'pay',
  sent: 'send',
  wrote: 'write',
  written: 'write',
  made: 'make',
  took: 'take',
  taken: 'take',
  got: 'get',
  gotten: 'get',
  fed: 'feed',
  ran: 'run',
  found: 'find',
  sold: 'sell',
  met: 'meet',
  read: 'read',
  rode: 'ride',
  swept: 'sweep',
  drove: 'drive',
  gave: 'give',
  given: 'give',
  ate: 'eat',
  told: 'tell',
  left: 'leave',
  kept: 'keep',
  spoke: 'speak',
  taught: 'teach',
  caught: 'catch',
  thought: 'think',
  fixed: 'fix',
  watered: 'water',
};

const STOPWORDS = new Set([
  'a',
  'an',
  'the',
  'my',
  'i',
  "i've",
  'ive',
  'have',
  'has',
  'just',
  'already',
  'finally',
  'to',
  'of',
  'for',
  'task',
  'tasks',
  'todo',
  'item',
  'one',
  'that',
  'this',
  'with',
  'some',
  'on',
  'at',
  'in',
  'and',
]);

/** A crude, symmetric stemmer: both sides go through it, so "calls" meets "called" meets "call". */
export function stemWord(raw: string): string {
  const word = raw.toLowerCase();
  const irregular = IRREGULAR[word];
  if (irregular) return irregular;
  let stem = word;
  if (stem.length > 4 && stem.endsWith('ies')) stem = `${stem.slice(0, -3)}y`;
  else if (stem.length > 5 && stem.endsWith('ing')) stem = stem.slice(0, -3);
  else if (stem.length > 4 && stem.endsWith('ed')) stem = stem.slice(0, -2);
  else if (stem.length > 3 && stem.endsWith('s') && !stem.endsWith('ss')) stem = stem.slice(0, -1);
  stem = stem.replace(/([bdgklmnprt])\1$/, '$1');
  return stem.length > 3 ? stem.replace(/e$/, '') : stem;
}

/** The meaningful words of a text, stemmed: "Buy the milk!" → ["buy", "milk"]. */
export function keywords(text: string): string[] {
  return text
    .toLowerCase()
    .split(/[^\p{L}\p{N}']+/u)
    .filter((word) => word && !STOPWORDS.has(word))
    .map(stemWord);
}

export type TaskMatch = { task: TTask; score: number };

/**
 * The caller's tasks whose titles best match `words`, best first. A task matches when at least
 * half of the words appear in its title; only the best-scoring group is returned, so more than
 * one result means the reference is ambiguous.
 */
export async function findTasksByWords(
  { db, userId }: TaskContext,
  words: string,
  options: { status?: 'pending' | 'completed' | 'all' } = {},
): Promise<TaskMatch[]> {
  const wanted = [...new Set(keywords(words))];
  if (wanted.length === 0) return [];
  const status = options.status ?? 'all';
  const rows = await db
    .select()
    .from(tasks)
    .where(
      and(
        eq(tasks.userId, userId),
        isNull(tasks.deletedAt),
        status === 'all' ? undefined : eq(tasks.completed, status === 'completed'),
      ),
    )
    .orderBy(desc(tasks.createdAt))
    .limit(500);

  const phrase = wanted.join(' ');
  const scored = rows
    .map((row) => {
      const title = new Set(keywords(row.title));
      const hits = wanted.filter((word) => title.has(word)).length;
      const exact = [...title].join(' ') === phrase;
      // Coverage of the query first, then of the title (so "milk" prefers "Milk" over "Buy oat milk").
      const score = exact ? 3 : hits / wanted.length + (title.size ? hits / title.size / 2 : 0);
      return { task: toTaskDto(row), score, hits };
    })
    .filter((match) => match.hits > 0 && match.hits / wanted.length >= 0.5);
  const best = Math.max(...scored.map((match) => match.score));
  return scored.filter((match) => match.score === best).map(({ task, score }) => ({ task, score }));
}
