'use client';

import Link from 'next/link';
import { usePathname, useSearchParams } from 'next/navigation';
import { useTranslations } from 'use-intl';
import { searchOf, selectedList } from '@/lib/view-query';

const VIEWS = [
  { href: '/', name: 'board', label: 'viewBoard' },
  { href: '/kanban', name: 'kanban', label: 'viewKanban' },
  { href: '/calendar', name: 'calendar', label: 'viewCalendar' },
  { href: '/stats', name: 'stats', label: 'viewStats' },
] as const;

/** The "Views" group: each view opens on the list selected in the one you are in. */
export function ViewsNav() {
  const t = useTranslations('shell');
  const pathname = usePathname();
  const list = selectedList(useSearchParams());
  return (
    <nav aria-label={t('views')} className="mb-4" data-testid="views-nav">
      <ul className="flex flex-wrap gap-1 border-b border-slate-200 pb-2 dark:border-slate-800">
        {VIEWS.map((view) => {
          const current = pathname === view.href;
          return (
            <li key={view.href}>
              <Link
                href={`${view.href}${searchOf({ list })}`}
                prefetch={false}
                aria-current={current ? 'page' : undefined}
                className={`btn ${current ? 'bg-slate-900 text-white dark:bg-slate-100 dark:text-slate-900' : 'text-slate-800 hover:bg-slate-200 dark:text-slate-200 dark:hover:bg-slate-800'}`}
                data-testid={`views-${view.name}`}
              >
                {t(view.label)}
              </Link>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
