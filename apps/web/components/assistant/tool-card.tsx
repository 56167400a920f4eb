'use client';

import { useId } from 'react';
import { useTranslations } from 'use-intl';
import type { ToolCard } from '@/lib/chat-messages';

const STATE_STYLES: Record<ToolCard['state'], string> = {
  running: 'border-slate-300 dark:border-slate-600',
  done: 'border-slate-300 dark:border-slate-600',
  error: 'border-red-300 dark:border-red-800',
  approval: 'border-amber-400 dark:border-amber-600',
  approved: 'border-slate-300 dark:border-slate-600',
  declined: 'border-slate-300 dark:border-slate-600',
};

/**
 * One tool call as a card: what it did and to which tasks (in the user's zone), the yes/no of a
 * call that waits for approval. Undo is the reply's (chat-panel.tsx): a turn's changes are one
 * activity batch, undone together.
 */
export function ToolCallCard({
  card,
  onAnswer,
}: {
  card: ToolCard;
  onAnswer: (id: string, approved: boolean) => void;
}) {
  const t = useTranslations('cards');
  const heading =
    card.state === 'running'
      ? t('running', { label: card.label })
      : card.state === 'error'
        ? t('error', { label: card.label, error: card.error ?? '' })
        : card.state === 'approval'
          ? t('needsApproval')
          : card.state === 'approved'
            ? t('approved')
            : card.state === 'declined'
              ? t('declined')
              : card.label;
  const headingId = useId();

  return (
    <section
      aria-labelledby={headingId}
      className={`self-start rounded-lg border px-3 py-2 text-xs ${STATE_STYLES[card.state]}`}
      data-testid="tool-card"
      data-tool={card.tool}
      data-state={card.state}
    >
      <h3 id={headingId} className="font-semibold">
        {heading}
      </h3>
      {card.approval ? (
        <>
          <p className="mt-1">{card.approval.preview?.summary ?? card.tool}?</p>
          {card.approval.preview && card.approval.preview.tasks.length > 1 ? (
            <ul className="mt-1 list-inside list-disc">
              {card.approval.preview.tasks.map((task) => (
                <li key={task.id}>“{task.title}”</li>
              ))}
            </ul>
          ) : null}
          <div className="mt-2 flex gap-2">
            <button
              type="button"
              className="btn-danger"
              onClick={() => card.approval && onAnswer(card.approval.id, true)}
              data-testid="approval-approve"
            >
              {t('approve')}
            </button>
            <button
              type="button"
              className="btn-secondary"
              onClick={() => card.approval && onAnswer(card.approval.id, false)}
              data-testid="approval-decline"
            >
              {t('decline')}
            </button>
          </div>
        </>
      ) : null}
      {card.tasks.length > 0 ? (
        <ul className="mt-1">
          {card.tasks.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : null}
      {card.changes.length > 0 ? (
        <ul className="mt-1 text-slate-700 dark:text-slate-300" aria-label={t('changes')}>
          {card.changes.map((line) => (
            <li key={line}>{line}</li>
          ))}
        </ul>
      ) : null}
    </section>
  );
}
