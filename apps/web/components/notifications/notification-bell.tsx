'use client';

import type { TNotification } from '@todo/contracts';
import { useCallback, useEffect, useState } from 'react';
import { useTranslations } from 'use-intl';
import { meApi } from '@/lib/api';
import { notificationsApi } from '@/lib/notifications';
import { NotificationCentre } from './notification-centre';

/**
 * The bell in the header: the unread count, kept live by the notification stream (server-sent
 * events through the web app's own origin; the browser reconnects by itself and resumes from the
 * last id), and the notification centre it opens.
 */
export function NotificationBell() {
  const t = useTranslations('notifications');
  const [items, setItems] = useState<TNotification[]>([]);
  const [unread, setUnread] = useState(0);
  const [open, setOpen] = useState(false);
  // The centre's times are in the user's zone (from the account), read when it first opens.
  const [zone, setZone] = useState<string | null>(null);
  useEffect(() => {
    if (!open || zone) return;
    meApi
      .get()
      .then((me) => setZone(me.time_zone))
      .catch(() => {});
  }, [open, zone]);

  const reload = useCallback(async () => {
    const page = await notificationsApi.list();
    setItems(page.items);
    setUnread(page.unread_count);
  }, []);

  useEffect(() => {
    reload().catch(() => {});
    const stream = new EventSource('/api/v1/notifications/stream');
    stream.addEventListener('notification', (event) => {
      const item = JSON.parse((event as MessageEvent<string>).data) as TNotification;
      setItems((current) => [item, ...current.filter((old) => old.id !== item.id)].slice(0, 20));
    });
    stream.addEventListener('unread', (event) => {
      setUnread(
        (JSON.parse((event as MessageEvent<string>).data) as { unread_count: number }).unread_count,
      );
    });
    return () => stream.close();
  }, [reload]);

  const label = t('unread', { count: unread });
  return (
    <div className="relative">
      <button
        type="button"
        className="btn-ghost relative"
        aria-label={t('bellLabel', { label })}
        aria-expanded={open}
        aria-controls="notification-centre"
        data-testid="notification-bell"
        onClick={() => setOpen((value) => !value)}
      >
        <svg
          aria-hidden="true"
          viewBox="0 0 24 24"
          className="h-5 w-5"
          fill="none"
          stroke="currentColor"
          strokeWidth="2"
        >
          <title>{t('title')}</title>
          <path d="M6 8a6 6 0 1 1 12 0c0 7 3 9 3 9H3s3-2 3-9" />
          <path d="M10.3 21a1.94 1.94 0 0 0 3.4 0" />
        </svg>
        {unread > 0 ? (
          <span
            className="absolute -end-1 -top-1 min-w-5 rounded-full bg-red-600 px-1 text-center text-xs font-semibold text-white"
            data-testid="unread-count"
          >
            {unread > 99 ? '99+' : unread}
          </span>
        ) : null}
      </button>
      {open ? (
        <NotificationCentre
          zone={zone}
          items={items}
          unread={unread}
          onChanged={(count) => {
            setUnread(count);
            reload().catch(() => {});
          }}
        />
      ) : null}
    </div>
  );
}
