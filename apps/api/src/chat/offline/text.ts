/**
 * Text helpers for the offline parser. Every pattern in the parser runs on text whose white space
 * is folded to single spaces, so it can say ' ' where it would say `\s+`; and trimming is a loop,
 * because `/[…]+$/` backtracks quadratically on a long run of those characters.
 */

/** Trimmed, every run of white space folded to one space. */
export function squeeze(text: string): string {
  return text.trim().replace(/\s+/g, ' ');
}

export function trimStartChars(text: string, chars: string): string {
  let start = 0;
  while (start < text.length && chars.includes(text.charAt(start))) start++;
  return text.slice(start);
}

export function trimEndChars(text: string, chars: string): string {
  let end = text.length;
  while (end > 0 && chars.includes(text.charAt(end - 1))) end--;
  return text.slice(0, end);
}

/** A leading and a trailing quote mark dropped, each where present. */
export function stripQuotes(text: string): string {
  return text.replace(/^["'“‘]|["'”’]$/g, '');
}

/** The text inside one pair of quote marks, or the text as it is. */
export function unquote(text: string): string {
  return text.replace(/^["'“‘](.*)["'”’]$/s, '$1');
}
