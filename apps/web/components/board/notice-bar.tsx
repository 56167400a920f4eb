'use client';

import { useEffect } from 'react';
import { useTranslations } from 'use-intl';
import type { Notice } from '@/lib/board-state';

/** Messages about what just happened (added, deleted with undo, rolled back), announced politely. */
export function NoticeBar({ notice, onDismiss }: { notice: Notice | null; onDismiss: () => void }) {
  const t = useTranslations('notice');
  useEffect(() => {
    if (!notice) return;
    // Undo stays offered for 10 s; errors stay until dismissed.
    if (notice.tone === 'error') return;
    const timer = setTimeout(onDismiss, notice.undo ? 10_000 : 4_000);
    return () => clearTimeout(timer);
  }, [notice, onDismiss]);

  return (
    <div
      role="status"
      aria-live="polite"
      className="pointer-events-none fixed inset-x-0 bottom-4 z-30 flex justify-center px-4"
    >
      {notice ? (
        <div
          className={`pointer-events-auto flex max-w-lg flex-wrap items-center gap-3 rounded-lg px-4 py-3 text-sm shadow-lg ${
            notice.tone === 'error'
              ? 'bg-red-700 text-white dark:bg-red-800'
              : 'bg-slate-900 text-white dark:bg-slate-100 dark:text-slate-900'
          }`}
          data-testid="notice"
          data-tone={notice.tone}
        >
          <span>{notice.message}</span>
          {notice.undo ? (
            <button
              type="button"
              className="rounded px-2 py-1 font-semibold underline"
              onClick={notice.undo}
              data-testid="notice-undo"
            >
              {t('undo')}
            </button>
          ) : null}
          <button
            type="button"
            className="rounded px-2 py-1"
            onClick={onDismiss}
            aria-label={t('dismiss')}
          >
            ✕
          </button>
        </div>
      ) : null}
    </div>
  );
}
