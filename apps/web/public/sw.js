// Service worker for reminder push notifications (registered from Settings → Reminder channels
// only after the user clicks "Turn on push"). The payload is what apps/api/src/channels/
// push-channel.ts sends: { title, body, tag, data: { notification_id, kind, task_id, url } }.

const SNOOZE_MINUTES = 10;

self.addEventListener('push', (event) => {
  let message = {};
  try {
    message = event.data ? event.data.json() : {};
  } catch {
    message = { body: event.data ? event.data.text() : '' };
  }
  const data = message.data || {};
  const actions = [];
  if (data.notification_id && data.kind !== 'test') {
    actions.push({ action: 'snooze', title: `Snooze ${SNOOZE_MINUTES} min` });
  }
  actions.push({ action: 'open', title: 'Open' });
  event.waitUntil(
    self.registration.showNotification(message.title || 'Reminder', {
      body: message.body || '',
      tag: message.tag,
      data,
      actions,
      icon: '/icon.svg',
    }),
  );
});

/** Focuses an open tab of the app on the link, or opens one. Only links of this origin. */
async function openLink(url) {
  const target = new URL(url || '/', self.location.origin);
  if (target.origin !== self.location.origin) return;
  const tabs = await self.clients.matchAll({ type: 'window', includeUncontrolled: true });
  for (const tab of tabs) {
    if (new URL(tab.url).origin === target.origin && 'focus' in tab) {
      await tab.focus();
      if ('navigate' in tab) await tab.navigate(target.href);
      return;
    }
  }
  await self.clients.openWindow(target.href);
}

self.addEventListener('notificationclick', (event) => {
  const { notification } = event;
  const data = notification.data || {};
  notification.close();
  if (event.action === 'snooze' && data.notification_id) {
    // Same origin, so the session cookie and Origin header go with it like any page request.
    const id = encodeURIComponent(data.notification_id);
    event.waitUntil(
      fetch(`/api/v1/notifications/${id}/snooze`, {
        method: 'POST',
        credentials: 'same-origin',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ minutes: SNOOZE_MINUTES }),
      }).catch(() => undefined),
    );
    return;
  }
  event.waitUntil(openLink(data.url));
});
