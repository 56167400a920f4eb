/// <reference lib="webworker" />

/**
 * Reminder push notifications in the service worker. The payload is what
 * apps/api/src/channels/push-channel.ts sends:
 * { title, body, tag, data: { notification_id, kind, task_id, url } }.
 */
type PushData = { notification_id?: string | null; kind?: string; task_id?: number; url?: string };
type PushMessage = { title?: string; body?: string; tag?: string; data?: PushData };

/** What the Snooze action asks for (the API's choices: "10m", "1h", "tomorrow"). */
const SNOOZE = '10m';

function readMessage(event: PushEvent): PushMessage {
  try {
    return (event.data?.json() ?? {}) as PushMessage;
  } catch {
    return { body: event.data?.text() ?? '' };
  }
}

/** Focuses an open tab of the app on the link, or opens one. Only links of this origin. */
async function openLink(self: ServiceWorkerGlobalScope, url: string | undefined) {
  const target = new URL(url || '/', self.location.origin);
  if (target.origin !== self.location.origin) return;
  const tabs = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  for (const tab of tabs) {
    if (new URL(tab.url).origin === target.origin) {
      await tab.focus();
      await tab.navigate(target.href);
      return;
    }
  }
  await self.clients.openWindow(target.href);
}

export function addPushListeners(self: ServiceWorkerGlobalScope) {
  self.addEventListener('push', (event) => {
    const message = readMessage(event);
    const data = message.data ?? {};
    const actions: { action: string; title: string }[] = [];
    if (data.notification_id && data.kind !== 'test') {
      actions.push({ action: 'snooze', title: 'Snooze 10 min' });
    }
    actions.push({ action: 'open', title: 'Open' });
    event.waitUntil(
      self.registration.showNotification(message.title || 'Reminder', {
        body: message.body || '',
        tag: message.tag,
        data,
        icon: '/icon-192.png',
        // `actions` is in Chromium's NotificationOptions, not yet in TypeScript's DOM types.
        ...({ actions } as NotificationOptions),
      }),
    );
  });

  self.addEventListener('notificationclick', (event) => {
    const { notification } = event;
    const data = (notification.data ?? {}) as PushData;
    notification.close();
    if (event.action === 'snooze' && data.notification_id) {
      // Same origin, so the session cookie goes with it like any page request.
      const id = encodeURIComponent(data.notification_id);
      event.waitUntil(
        fetch(`/api/v1/notifications/${id}/snooze`, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ for: SNOOZE }),
        }).then(
          () => undefined,
          () => undefined,
        ),
      );
      return;
    }
    event.waitUntil(openLink(self, data.url));
  });
}
