'use client';

import type { TCreateTaskRequest, TQuickAddResult } from '@todo/contracts';
import { type FormEvent, useEffect, useRef, useState } from 'react';
import { useLocale, useTranslations } from 'use-intl';
import { ApiError, tasksApi } from '@/lib/api';
import { partLabel, withoutPart } from '@/lib/quick-add';
import { AlertText } from '../alert-text';
import { QUICK_ADD_EXAMPLE, QuickAddHint } from './quick-add-shell';

const PREVIEW_DELAY_MS = 250;

type Preview = { text: string; result: TQuickAddResult };

/**
 * One line for new tasks: "pay rent every month on the 1st #home !high". The server reads it as
 * the user types (a short pause, an older request cancelled by a newer one) and the chips show
 * what it understood; each chip's button takes its words out, so that part is not applied.
 * Enter creates the drafts (several when the line lists several).
 */
export default function QuickAdd({
  zone,
  now,
  listId,
  onCreate,
}: {
  zone: string;
  now: Date;
  /** The list selected in the sidebar: drafts without an `@list` go there. */
  listId?: number;
  onCreate: (input: TCreateTaskRequest) => Promise<unknown>;
}) {
  const t = useTranslations('quickAdd');
  const locale = useLocale();
  const kinds = {
    due: t('kindDue'),
    recurrence: t('kindRecurrence'),
    list: t('kindList'),
    tag: t('kindTag'),
    priority: t('kindPriority'),
  };
  const [text, setText] = useState('');
  const [description, setDescription] = useState('');
  const [preview, setPreview] = useState<Preview | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const input = useRef<HTMLInputElement>(null);

  useEffect(() => {
    const line = text.trim();
    if (!line) return setPreview(null);
    const controller = new AbortController();
    const timer = setTimeout(() => {
      tasksApi
        .parse(line, controller.signal)
        .then((result) => setPreview({ text: line, result }))
        .catch(() => {
          // A cancelled or failed preview shows nothing; Enter reports real errors.
        });
    }, PREVIEW_DELAY_MS);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
  }, [text]);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const line = text.trim();
    // The shared schemas (and zod) load on first submit, not with the page (ADR 012).
    const { ZCreateTaskRequest, ZQuickAddRequest } = await import('@todo/contracts');
    const request = ZQuickAddRequest.safeParse({ text: line });
    if (!request.success) return setError(request.error.issues[0]?.message ?? t('typeSomething'));
    setBusy(true);
    try {
      const result = preview?.text === line ? preview.result : await tasksApi.parse(line);
      if (result.drafts.length === 0) return setError(result.notes.join(' ') || t('nothingToAdd'));
      const inputs: TCreateTaskRequest[] = result.drafts.map((draft) => ({
        ...draft,
        list_id: draft.list_id ?? listId,
        description: description.trim() ? description : undefined,
      }));
      for (const draft of inputs) {
        const checked = ZCreateTaskRequest.safeParse(draft);
        if (!checked.success) return setError(checked.error.issues[0]?.message ?? t('invalidTask'));
      }
      for (const draft of inputs) await onCreate(draft);
      setText('');
      setDescription('');
      setError(null);
    } catch (caught) {
      setError(
        caught instanceof ApiError
          ? (caught.details[0]?.message ?? caught.message)
          : t('couldNotAdd'),
      );
    } finally {
      setBusy(false);
    }
  }

  const shown = preview && preview.text === text.trim() ? preview.result : null;
  const titles = shown?.drafts.map((draft) => draft.title) ?? [];

  return (
    <form
      onSubmit={onSubmit}
      noValidate
      aria-labelledby="quick-add-label"
      className="card flex flex-col gap-2 p-4"
      data-testid="create-form"
    >
      <label id="quick-add-label" htmlFor="quick-add" className="text-base font-semibold">
        {t('title')}
      </label>
      <div className="flex gap-2">
        <input
          ref={input}
          id="quick-add"
          className="input"
          value={text}
          placeholder={QUICK_ADD_EXAMPLE}
          autoComplete="off"
          dir="auto"
          onChange={(event) => {
            setText(event.target.value);
            setError(null);
          }}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'quick-add-error' : 'quick-add-hint'}
        />
        <button type="submit" className="btn-primary shrink-0" disabled={busy}>
          {busy ? t('adding') : t('add')}
        </button>
      </div>
      <QuickAddHint id="quick-add-hint" />
      <AlertText id="quick-add-error" message={error} />
      <div
        aria-live="polite"
        className="flex flex-col gap-1 text-sm"
        data-testid="quick-add-preview"
      >
        {shown && shown.parts.length > 0 ? (
          <ul aria-label={t('understood')} className="flex flex-wrap gap-1.5">
            {shown.parts.map((part) => {
              const label = partLabel(part, zone, now, locale, kinds);
              return (
                <li
                  key={`${part.kind}:${part.text}`}
                  className="flex items-center gap-1 rounded-full bg-blue-50 py-0.5 ps-2.5 pe-1 text-blue-900 dark:bg-sky-950 dark:text-sky-100"
                  data-testid="quick-add-chip"
                  data-kind={part.kind}
                >
                  {label}
                  <button
                    type="button"
                    className="rounded-full px-1.5 hover:bg-blue-100 dark:hover:bg-sky-900"
                    aria-label={t('remove', { label })}
                    onClick={() => {
                      setText(withoutPart(text, part));
                      input.current?.focus();
                    }}
                  >
                    ✕
                  </button>
                </li>
              );
            })}
          </ul>
        ) : null}
        {titles.length > 1 ? (
          <p data-testid="quick-add-titles">
            {t('addsTasks', { count: titles.length, titles: titles.join(' · ') })}
          </p>
        ) : null}
        {shown?.notes.map((note) => (
          <p key={note} className="text-amber-800 dark:text-amber-300">
            {note}
          </p>
        ))}
      </div>
      <details className="text-sm">
        <summary className="cursor-pointer text-slate-700 dark:text-slate-300">
          {t('moreOptions')}
        </summary>
        <label htmlFor="quick-add-description" className="label mt-2">
          {t('description')}
        </label>
        <textarea
          id="quick-add-description"
          className="input min-h-16"
          rows={2}
          dir="auto"
          value={description}
          onChange={(event) => setDescription(event.target.value)}
        />
      </details>
    </form>
  );
}
