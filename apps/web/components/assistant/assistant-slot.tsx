'use client';

import dynamic from 'next/dynamic';
import { useState } from 'react';

// The chat code (AI SDK) loads after the board, so the board's first load stays small (ADR 012).
const ChatPanel = dynamic(() => import('./chat-panel'), {
  ssr: false,
  loading: () => (
    <div className="card h-64 animate-pulse">
      <span className="sr-only">Loading the assistant</span>
    </div>
  ),
});

/** Right column on wide screens; a drawer opened from a floating button on small ones. */
export function AssistantSlot() {
  const [isOpen, setOpen] = useState(false);
  return (
    <>
      <button
        type="button"
        className="btn-primary fixed right-4 bottom-4 z-30 shadow-lg lg:hidden"
        onClick={() => setOpen(true)}
        aria-expanded={isOpen}
        aria-controls="assistant"
        data-testid="assistant-open"
      >
        Assistant
      </button>
      <aside
        id="assistant"
        aria-label="Assistant"
        className={`${isOpen ? 'fixed inset-0 z-40 flex bg-slate-50/95 p-2 dark:bg-slate-950/95' : 'hidden'} lg:sticky lg:top-4 lg:z-auto lg:flex lg:h-[calc(100dvh-6rem)] lg:bg-transparent lg:p-0`}
      >
        <div className="flex w-full flex-col">
          <ChatPanel onClose={() => setOpen(false)} />
        </div>
      </aside>
    </>
  );
}
