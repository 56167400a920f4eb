'use client';

import dynamic from 'next/dynamic';
import { useState, useSyncExternalStore } from 'react';
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

/** The width from which the assistant is a column beside the board (Tailwind's `lg`). */
const WIDE = '(min-width: 1024px)';
const subscribeToWidth = (onChange: () => void) => {
  const query = window.matchMedia(WIDE);
  query.addEventListener('change', onChange);
  return () => query.removeEventListener('change', onChange);
};

/**
 * Right column on wide screens; a drawer opened from a floating button on small ones. On a small
 * screen the chat code is loaded only once the drawer is first opened: a phone does not parse
 * the AI SDK for a panel it does not show.
 */
export function AssistantSlot() {
  const t = useTranslations('chat');
  const [isOpen, setOpen] = useState(false);
  const [wasOpened, setWasOpened] = useState(false);
  const wide = useSyncExternalStore(
    subscribeToWidth,
    () => window.matchMedia(WIDE).matches,
    () => false,
  );
  const open = () => {
    setOpen(true);
    setWasOpened(true);
  };
  return (
    <>
      <button
        type="button"
        className="btn-primary fixed end-4 bottom-4 z-30 shadow-lg lg:hidden"
        onClick={open}
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
          {wide || wasOpened ? <ChatPanel onClose={() => setOpen(false)} /> : null}
        </div>
      </aside>
    </>
  );
}
