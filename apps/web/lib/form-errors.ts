import type { z } from 'zod';

export type FieldErrors = Record<string, string>;

/** First message per top-level field, from the shared zod schemas (client-side validation). */
export function zodFieldErrors(issues: readonly z.core.$ZodIssue[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const issue of issues) {
    const field = String(issue.path[0] ?? 'form');
    errors[field] ??= issue.message;
  }
  return errors;
}

/** The same map from the API's 400 details (`body.title` → `title`). */
export function apiFieldErrors(details: { path: string; message: string }[]): FieldErrors {
  const errors: FieldErrors = {};
  for (const detail of details) {
    const field = detail.path.replace(/^body\.?/, '').split('.')[0] || 'form';
    errors[field] ??= detail.message;
  }
  return errors;
}

/** "errands, home #work" → ["errands", "home", "work"]; validation happens in the schema. */
export function parseTags(text: string): string[] {
  return text
    .split(/[\s,]+/)
    .map((tag) => tag.replace(/^#/, ''))
    .filter(Boolean);
}
