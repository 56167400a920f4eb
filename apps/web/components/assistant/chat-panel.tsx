'use client';

import { useChat } from '@ai-sdk/react';
import type { TConversation, TListCollection, TMe, TMessage } from '@todo/contracts';
import { DefaultChatTransport, lastAssistantMessageIsCompleteWithApprovalResponses } from 'ai';
import {
  type FormEvent,
  type KeyboardEvent,
  useCallback,
  useEffect,
  useRef,
  useState,
} from 'react';
import { useLocale, useTranslations } from 'use-intl';
import { apiFetch, TASKS_CHANGED_EVENT } from '@/lib/api';
import {
  answeredApproval,
  type CardContext,
  changedTasks,
  lastUserText,
  toolCard,
  toUIMessages,
  undoBatchOf,
} from '@/lib/chat-messages';
import { ToolCallCard } from './tool-card';

/**
 * The assistant: one conversation at a time through POST /api/v1/chat (AI SDK UI message stream,
 * via the web's proxy), the list of past conversations, and a board refresh after any turn whose
 * tools changed tasks.
 */
export default function ChatPanel({ onClose }: { onClose?: () => void }) {
  const t = useTranslations('chat');
  const conversationId = useRef<string | null>(null);
  const [activeId, setActiveId] = useState<string | null>(null);
  const [conversations, setConversations] = useState<TConversation[]>([]);
  const [input, setInput] = useState('');
  const [listError, setListError] = useState<string | null>(null);
  /** What undo said per batch: undone, or why not (a 409 names the task changed since). */
  const [undone, setUndone] = useState<Record<string, string>>({});
  const scroller = useRef<HTMLDivElement>(null);

  const refreshConversations = useCallback(async () => {
    try {
      const list = await apiFetch<{ items: TConversation[] }>('/api/v1/conversations');
      setConversations(list.items);
      setListError(null);
    } catch (error) {
      setListError(error instanceof Error ? error.message : t('couldNotLoadConversations'));
    }
  }, [t]);

  const [transport] = useState(
    () =>
      new DefaultChatTransport({
        api: '/api/v1/chat',
        credentials: 'same-origin',
        // The API takes one user turn (or the answer to an approval) and keeps the history itself.
        prepareSendMessagesRequest: ({ messages }) => {
          const approval = answeredApproval(messages);
          return {
            body: {
              ...(conversationId.current ? { conversation_id: conversationId.current } : {}),
              ...(approval ? { approval } : { message: lastUserText(messages) }),
            },
          };
        },
        fetch: async (url, init) => {
          const response = await fetch(url, init);
          const id = response.headers.get('x-conversation-id');
          if (id && id !== conversationId.current) {
            conversationId.current = id;
            setActiveId(id);
          }
          if (!response.ok) {
            const body = (await response
              .clone()
              .json()
              .catch(() => null)) as {
              error?: { message?: string };
            } | null;
            throw new Error(body?.error?.message ?? t('answered', { status: response.status }));
          }
          return response;
        },
      }),
  );

  // Cards speak in the user's zone and name lists, as the board does.
  const locale = useLocale();
  const tCards = useTranslations('cards');
  const [cardContext, setCardContext] = useState<CardContext>(() => ({
    zone: 'UTC',
    now: new Date(),
    locale,
    words: {
      tool: (tool) => tCards('tool', { tool }),
      change: (field, value) => tCards('change', { field, name: field.replace(/_/g, ' '), value }),
      due: (due) => tCards('due', { due }),
      none: tCards('none'),
      failed: tCards('failed'),
    },
    listNames: new Map(),
  }));
  const cardContextRef = useRef(cardContext);
  cardContextRef.current = cardContext;
  const refreshCardContext = useCallback(async () => {
    const [me, lists] = await Promise.all([
      apiFetch<TMe>('/api/v1/me').catch(() => null),
      apiFetch<TListCollection>('/api/v1/lists').catch(() => null),
    ]);
    setCardContext((current) => ({
      zone: me?.time_zone ?? current.zone,
      now: new Date(),
      locale: current.locale,
      words: current.words,
      listNames: lists
        ? new Map(lists.items.map((list) => [list.id, list.name]))
        : current.listNames,
    }));
  }, []);

  const { messages, sendMessage, status, stop, setMessages, error, addToolApprovalResponse } =
    useChat({
      transport,
      // An Approve or Decline on a card continues the reply that asked (the API runs or drops it).
      sendAutomaticallyWhen: lastAssistantMessageIsCompleteWithApprovalResponses,
      onFinish: ({ message }) => {
        if (changedTasks(message, cardContextRef.current)) {
          window.dispatchEvent(new Event(TASKS_CHANGED_EVENT));
        }
        void refreshConversations();
        void refreshCardContext();
      },
    });
  const isBusy = status === 'submitted' || status === 'streaming';

  useEffect(() => {
    void refreshConversations();
    void refreshCardContext();
  }, [refreshConversations, refreshCardContext]);

  useEffect(() => {
    // Follow the reply as it streams in.
    if (messages.length > 0) scroller.current?.scrollTo({ top: scroller.current.scrollHeight });
  }, [messages]);

  function send(event?: FormEvent) {
    event?.preventDefault();
    const text = input.trim();
    if (!text || isBusy) return;
    setInput('');
    void sendMessage({ text });
  }

  function onKeyDown(event: KeyboardEvent<HTMLTextAreaElement>) {
    if (event.key === 'Enter' && !event.shiftKey) send(event);
  }

  async function open(id: string) {
    if (isBusy) return;
    try {
      const history = await apiFetch<{ items: TMessage[] }>(`/api/v1/conversations/${id}/messages`);
      conversationId.current = id;
      setActiveId(id);
      setMessages(toUIMessages(history.items));
    } catch (error) {
      setListError(error instanceof Error ? error.message : t('couldNotOpen'));
    }
  }

  function startNew() {
    if (isBusy) void stop();
    conversationId.current = null;
    setActiveId(null);
    setMessages([]);
  }

  async function undoTurn(batchId: string) {
    try {
      await apiFetch('/api/v1/activity/undo', {
        method: 'POST',
        body: JSON.stringify({ batch_id: batchId }),
      });
      setUndone((seen) => ({ ...seen, [batchId]: t('undone') }));
      window.dispatchEvent(new Event(TASKS_CHANGED_EVENT));
    } catch (error) {
      const reason = error instanceof Error ? error.message : t('couldNotUndo');
      setUndone((seen) => ({ ...seen, [batchId]: reason }));
    }
  }

  async function remove(id: string) {
    try {
      await apiFetch<void>(`/api/v1/conversations/${id}`, { method: 'DELETE' });
      if (id === conversationId.current) startNew();
      await refreshConversations();
    } catch (error) {
      setListError(error instanceof Error ? error.message : t('couldNotDelete'));
    }
  }

  return (
    <section
      aria-labelledby="assistant-heading"
      className="card flex h-full min-h-0 flex-col"
      data-testid="chat-panel"
    >
      <header className="flex items-center justify-between gap-2 border-b border-slate-200 px-3 py-2 dark:border-slate-800">
        <h2 id="assistant-heading" className="font-semibold">
          {t('assistant')}
        </h2>
        <div className="flex gap-1">
          <button type="button" className="btn-ghost" onClick={startNew} data-testid="chat-new">
            {t('newChat')}
          </button>
          {onClose ? (
            <button type="button" className="btn-ghost lg:hidden" onClick={onClose}>
              {t('close')}
            </button>
          ) : null}
        </div>
      </header>
      <details className="border-b border-slate-200 px-3 py-2 text-sm dark:border-slate-800">
        <summary className="cursor-pointer select-none">
          {t('conversations', { count: conversations.length })}
        </summary>
        {listError ? <p className="field-error">{listError}</p> : null}
        <ul
          className="mt-2 flex max-h-40 flex-col gap-1 overflow-y-auto"
          data-testid="chat-conversations"
        >
          {conversations.map((conversation) => (
            <li key={conversation.id} className="flex items-center gap-1">
              <button
                type="button"
                className={`btn-ghost min-w-0 flex-1 justify-start truncate ${conversation.id === activeId ? 'font-semibold' : ''}`}
                onClick={() => void open(conversation.id)}
                aria-current={conversation.id === activeId ? 'true' : undefined}
              >
                <span className="truncate">{conversation.title || t('untitled')}</span>
              </button>
              <button
                type="button"
                className="btn-danger"
                onClick={() => void remove(conversation.id)}
                aria-label={t('deleteConversation', { title: conversation.title })}
              >
                ✕
              </button>
            </li>
          ))}
          {conversations.length === 0 ? (
            <li className="text-slate-600 dark:text-slate-400">{t('noConversations')}</li>
          ) : null}
        </ul>
      </details>
      <div
        ref={scroller}
        className="flex min-h-48 flex-1 flex-col gap-3 overflow-y-auto px-3 py-3"
        aria-live="polite"
        data-testid="chat-messages"
      >
        {messages.length === 0 ? (
          <p className="text-sm text-slate-600 dark:text-slate-400">{t('try')}</p>
        ) : null}
        {messages.map((message) => (
          <div
            key={message.id}
            className={message.role === 'user' ? 'self-end' : 'self-start'}
            data-testid={`chat-message-${message.role}`}
          >
            <div className="flex flex-col gap-1">
              {message.parts.map((part, index) => {
                const card = toolCard(part, cardContext);
                if (card) {
                  return (
                    <ToolCallCard
                      // biome-ignore lint/suspicious/noArrayIndexKey: parts have no id and never reorder
                      key={index}
                      card={card}
                      onAnswer={(id, approved) => {
                        if (!isBusy) void addToolApprovalResponse({ id, approved });
                      }}
                    />
                  );
                }
                if (part.type !== 'text') return null;
                return (
                  <p
                    // biome-ignore lint/suspicious/noArrayIndexKey: parts have no id and never reorder
                    key={index}
                    dir="auto"
                    className={`whitespace-pre-line rounded-lg px-3 py-2 text-sm ${
                      message.role === 'user'
                        ? 'bg-blue-700 text-white dark:bg-sky-600 dark:text-slate-950'
                        : 'bg-slate-100 text-slate-900 dark:bg-slate-800 dark:text-slate-100'
                    }`}
                  >
                    {part.text}
                  </p>
                );
              })}
              {(() => {
                const batch = isBusy ? null : undoBatchOf(message, cardContext);
                if (!batch) return null;
                const said = undone[batch];
                return said ? (
                  <span
                    className="text-xs text-slate-600 dark:text-slate-400"
                    data-testid="chat-undone"
                  >
                    {said}
                  </span>
                ) : (
                  <button
                    type="button"
                    className="self-start text-xs underline"
                    onClick={() => void undoTurn(batch)}
                    data-testid="chat-undo"
                  >
                    {t('undoChanges')}
                  </button>
                );
              })()}
            </div>
          </div>
        ))}
        {status === 'submitted' ? (
          <p className="text-sm text-slate-600 dark:text-slate-400" data-testid="chat-thinking">
            {t('thinking')}
          </p>
        ) : null}
        {error ? (
          <p role="alert" className="field-error" data-testid="chat-error">
            {error.message}
          </p>
        ) : null}
      </div>
      <form
        onSubmit={send}
        className="flex items-end gap-2 border-t border-slate-200 p-3 dark:border-slate-800"
      >
        <label htmlFor="chat-input" className="sr-only">
          {t('messageLabel')}
        </label>
        <textarea
          id="chat-input"
          className="input min-h-10 flex-1 resize-none"
          rows={2}
          value={input}
          onChange={(event) => setInput(event.target.value)}
          onKeyDown={onKeyDown}
          disabled={isBusy}
          placeholder={t('placeholder')}
          dir="auto"
          maxLength={4000}
          data-testid="chat-input"
        />
        {isBusy ? (
          <button
            type="button"
            className="btn-secondary"
            onClick={() => void stop()}
            data-testid="chat-stop"
          >
            {t('stop')}
          </button>
        ) : (
          <button
            type="submit"
            className="btn-primary"
            disabled={!input.trim()}
            data-testid="chat-send"
          >
            {t('send')}
          </button>
        )}
      </form>
    </section>
  );
}
