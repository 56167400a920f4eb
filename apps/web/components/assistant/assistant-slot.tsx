'use client';

import dynamic from 'next/dynamic';
import { useState } from 'react';
import { useTranslations } from 'use-intl';

// The chat code (AI SDK) loads after the board, so the board's first load stays small (ADR 012).
function ChatPanelLoading() {
  const t = useTranslations('chat');
  return (
    <div className="card h-64 animate-pulse">
      <span className="sr-only">{t('loadingAssistant')}</span>
    </div>
  );
}
const ChatPanel = dynamic(() => import('./chat-panel'), {
  ssr: false,
  loading: () => <ChatPanelLoading />,
});

/** Right column on wide screens; a drawer opened from a floating button on small ones. */
export function AssistantSlot() {
  const t = useTranslations('chat');
  const [isOpen, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="btn-primary fixed end-4 bottom-4 z-30 shadow-lg lg:hidden"
        onClick={() => setOpen(true)}
        aria-expanded={isOpen}
        aria-controls="assistant"
        data-testid="assistant-open"
      >
        {t('assistant')}
      </button>
      <aside
        id="assistant"
        aria-label={t('assistant')}
        className={`${isOpen ? 'fixed inset-0 z-40 flex bg-slate-50/95 p-2 dark:bg-slate-950/95' : 'hidden'} lg:sticky lg:top-4 lg:z-auto lg:flex lg:h-[calc(100dvh-6rem)] lg:bg-transparent lg:p-0`}
      >
        <div className="flex w-full flex-col">
          <ChatPanel onClose={() => setOpen(false)} />
        </div>
      </aside>
    </>
  );
}
