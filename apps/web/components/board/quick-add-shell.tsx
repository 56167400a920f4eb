import { useTranslations } from 'use-intl';

/**
 * The quick-add line's example and its hint, shared by the line and its shell. The example stays
 * English in every language: the line reads English words.
 */
export const QUICK_ADD_EXAMPLE = 'pay rent every month on the 1st #home !high @bills';

export function QuickAddHint({ id }: { id?: string }) {
  const t = useTranslations('quickAdd');
  return (
    <p id={id} className="text-xs text-slate-600 dark:text-slate-400">
      {t('hint')}
    </p>
  );
}

/**
 * What the quick-add line looks like before its code and the user's zone have loaded: the same
 * boxes at the same size, inert, so nothing moves when the real line replaces it.
 */
export function QuickAddShell() {
  const t = useTranslations('quickAdd');
  return (
    <div className="card flex flex-col gap-2 p-4" aria-hidden="true" data-testid="quick-add-shell">
      <span className="text-base font-semibold">{t('title')}</span>
      <div className="flex gap-2">
        <input className="input" placeholder={QUICK_ADD_EXAMPLE} disabled tabIndex={-1} />
        <button type="button" className="btn-primary shrink-0" disabled tabIndex={-1}>
          {t('add')}
        </button>
      </div>
      <QuickAddHint />
      <div className="text-sm" />
      <p className="text-sm text-slate-700 dark:text-slate-300">{t('moreOptionsShell')}</p>
    </div>
  );
}
