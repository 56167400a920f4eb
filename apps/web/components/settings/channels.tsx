'use client';

import type {
  TChannelSettings,
  TDelivery,
  TDeliveryChannel,
  TDeliveryList,
  TMe,
  TTestResult,
} from '@todo/contracts';
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { useLocale, useTranslations } from 'use-intl';
import { AlertText } from '@/components/alert-text';
import { Field } from '@/components/field';
import { apiFetch } from '@/lib/api';

const pushSupported = () =>
  typeof window !== 'undefined' &&
  'serviceWorker' in navigator &&
  'PushManager' in window &&
  'Notification' in window;

/** This browser's current subscription, without registering anything or asking for permission. */
async function currentSubscription(): Promise<PushSubscription | null> {
  if (!pushSupported()) return null;
  const registration = await navigator.serviceWorker.getRegistration('/');
  return (await registration?.pushManager.getSubscription()) ?? null;
}

/**
 * Where reminders reach the user besides the bell: Web Push in this browser (permission is asked
 * only when "Turn on push" is clicked), a signed webhook (its secret shown once), and email when
 * the server has SMTP. Each has "Send a test"; the delivery log shows what happened, in the
 * user's time zone.
 */
export function Channels() {
  const t = useTranslations('channels');
  const locale = useLocale();
  const channelName = (channel: TDeliveryChannel) => t('channel', { channel });
  const [settings, setSettings] = useState<TChannelSettings | null>(null);
  const [deliveries, setDeliveries] = useState<TDelivery[]>([]);
  const [zone, setZone] = useState<string | undefined>();
  const [subscribed, setSubscribed] = useState(false);
  const [webhookUrl, setWebhookUrl] = useState('');
  const [secret, setSecret] = useState<string | null>(null);
  const [status, setStatus] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(async () => {
    const [loaded, log] = await Promise.all([
      apiFetch<TChannelSettings>('/api/v1/me/channels'),
      apiFetch<TDeliveryList>('/api/v1/me/channels/deliveries?limit=20'),
    ]);
    setSettings(loaded);
    setDeliveries(log.items);
    setWebhookUrl((current) => current || loaded.webhook.url || '');
  }, []);

  useEffect(() => {
    load().catch((err: Error) => setError(err.message));
    apiFetch<TMe>('/api/v1/me')
      .then((me) => setZone(me.time_zone))
      .catch(() => undefined);
    currentSubscription()
      .then((subscription) => setSubscribed(subscription !== null))
      .catch(() => undefined);
  }, [load]);

  /**
   * Runs one action with a busy flag, then reloads (a failed test is in the log too); the
   * action's message shows only once the page is current.
   */
  async function act(what: () => Promise<string | undefined>) {
    setBusy(true);
    setError(null);
    setStatus(null);
    let done: string | undefined;
    try {
      done = await what();
    } catch (err) {
      setError(err instanceof Error ? err.message : t('somethingWrong'));
    }
    await load().catch((err: Error) => setError(err.message));
    if (done) setStatus(done);
    setBusy(false);
  }

  const turnOnPush = () =>
    act(async () => {
      if (!pushSupported()) throw new Error(t('noPush'));
      const permission = await Notification.requestPermission();
      if (permission !== 'granted') {
        throw new Error(t('blocked'));
      }
      const { public_key } = await apiFetch<{ public_key: string | null }>(
        '/api/v1/push/public-key',
      );
      if (!public_key) throw new Error(t('pushOffServer'));
      await navigator.serviceWorker.register('/sw.js', { scope: '/' });
      const registration = await navigator.serviceWorker.ready;
      const subscription = await registration.pushManager.subscribe({
        userVisibleOnly: true,
        applicationServerKey: public_key,
      });
      await apiFetch('/api/v1/push/subscriptions', {
        method: 'POST',
        body: JSON.stringify(subscription.toJSON()),
      });
      setSubscribed(true);
      return t('pushOn');
    });

  const turnOffPush = () =>
    act(async () => {
      const subscription = await currentSubscription();
      if (subscription) {
        const endpoint = encodeURIComponent(subscription.endpoint);
        await apiFetch(`/api/v1/push/subscriptions?endpoint=${endpoint}`, { method: 'DELETE' });
        await subscription.unsubscribe();
      }
      setSubscribed(false);
      return t('pushOff');
    });

  const patch = (body: unknown) =>
    apiFetch<TChannelSettings>('/api/v1/me/channels', {
      method: 'PATCH',
      body: JSON.stringify(body),
    });

  const saveWebhook = (event: FormEvent) => {
    event.preventDefault();
    return act(async () => {
      const saved = await patch({ webhook: { url: webhookUrl.trim() } });
      setSecret(saved.webhook.secret ?? null);
      return t('webhookSaved');
    });
  };

  const sendTest = (channel: TDeliveryChannel) =>
    act(async () => {
      const result = await apiFetch<TTestResult>(`/api/v1/me/channels/${channel}/test`, {
        method: 'POST',
      });
      if (result.status !== 'delivered') {
        throw new Error(
          t('testFailed', {
            channel: channelName(channel),
            status: result.status,
            error: result.error ?? '',
          }),
        );
      }
      return t('testSent', { channel: channelName(channel) });
    });

  const when = (iso: string) =>
    new Intl.DateTimeFormat(locale, {
      dateStyle: 'medium',
      timeStyle: 'medium',
      timeZone: zone,
    }).format(new Date(iso));

  const testButton = (channel: TDeliveryChannel) => (
    <button
      type="button"
      className="btn-secondary"
      disabled={busy}
      onClick={() => void sendTest(channel)}
      aria-label={t('sendTestLabel', { channel: t('channelLower', { channel }) })}
    >
      {t('sendTest')}
    </button>
  );

  return (
    <section className="card mb-6 flex flex-col gap-4 p-5" aria-labelledby="channels-title">
      <h2 id="channels-title" className="text-lg font-semibold">
        {t('title')}
      </h2>
      <AlertText message={error} />
      {status && (
        <p role="status" className="text-sm" data-testid="channels-status">
          {status}
        </p>
      )}
      {!settings ? (
        <p className="text-sm">{t('loading')}</p>
      ) : (
        <>
          <div className="flex flex-col gap-2" data-testid="channel-push">
            <h3 className="font-medium">{t('pushTitle')}</h3>
            {!settings.push.available ? (
              <p className="text-sm">{t('pushOffServerText')}</p>
            ) : (
              <>
                <p className="text-sm text-slate-600 dark:text-slate-400">
                  {subscribed ? t('receives') : t('getReminders')}{' '}
                  {t('subscribed', { count: settings.push.subscriptions })}
                </p>
                <div className="flex flex-wrap gap-2">
                  {subscribed ? (
                    <button
                      type="button"
                      className="btn-secondary"
                      disabled={busy}
                      onClick={() => void turnOffPush()}
                    >
                      {t('turnOff')}
                    </button>
                  ) : (
                    <button
                      type="button"
                      className="btn-primary"
                      disabled={busy}
                      onClick={() => void turnOnPush()}
                    >
                      {t('turnOn')}
                    </button>
                  )}
                  {settings.push.subscriptions > 0 && testButton('push')}
                </div>
              </>
            )}
          </div>

          <form
            className="flex flex-col gap-2"
            onSubmit={saveWebhook}
            noValidate
            aria-label={t('webhook')}
            data-testid="channel-webhook"
          >
            <h3 className="font-medium">{t('webhook')}</h3>
            <p className="text-sm text-slate-600 dark:text-slate-400">
              {t.rich('webhookText', { code: (chunks) => <code dir="ltr">{chunks}</code> })}
            </p>
            <div className="flex flex-wrap items-end gap-2">
              <Field id="webhook-url" label={t('webhookUrl')} className="min-w-64 flex-1">
                <input
                  id="webhook-url"
                  className="input"
                  type="url"
                  inputMode="url"
                  dir="ltr"
                  placeholder="https://ntfy.sh/your-topic?tpl=1&t={{.title}}&m={{.body}}"
                  value={webhookUrl}
                  onChange={(event) => setWebhookUrl(event.target.value)}
                />
              </Field>
              <button type="submit" className="btn-primary" disabled={busy}>
                {t('saveWebhook')}
              </button>
              {settings.webhook.enabled && (
                <>
                  {testButton('webhook')}
                  <button
                    type="button"
                    className="btn-secondary"
                    disabled={busy}
                    onClick={() =>
                      void act(async () => {
                        const saved = await patch({ webhook: { rotate_secret: true } });
                        setSecret(saved.webhook.secret ?? null);
                        return t('newSecretMade');
                      })
                    }
                  >
                    {t('newSecret')}
                  </button>
                  <button
                    type="button"
                    className="btn-danger"
                    disabled={busy}
                    onClick={() =>
                      void act(async () => {
                        await patch({ webhook: { url: null } });
                        setWebhookUrl('');
                        setSecret(null);
                        return t('webhookRemoved');
                      })
                    }
                  >
                    {t('removeWebhook')}
                  </button>
                </>
              )}
            </div>
            {secret && (
              <div className="card flex flex-col gap-2 border-amber-400 p-3" role="status">
                <p className="font-medium">{t('copySecret')}</p>
                <code
                  className="break-all rounded bg-slate-100 p-2 text-sm dark:bg-slate-800"
                  data-testid="webhook-secret"
                >
                  {secret}
                </code>
              </div>
            )}
          </form>

          <div className="flex flex-col gap-2" data-testid="channel-email">
            <h3 className="font-medium">{t('email')}</h3>
            {!settings.email.available ? (
              <p className="text-sm">{t('emailOffServer')}</p>
            ) : (
              <div className="flex flex-wrap items-center gap-3">
                <label className="flex items-center gap-2 text-sm">
                  <input
                    type="checkbox"
                    checked={settings.email.enabled}
                    disabled={busy}
                    onChange={(event) => {
                      const enabled = event.target.checked;
                      void act(async () => {
                        await patch({ email: { enabled } });
                        return enabled ? t('emailOn') : t('emailOff');
                      });
                    }}
                  />
                  {t('emailMe', { address: settings.email.address ?? '' })}
                </label>
                {settings.email.enabled && testButton('email')}
              </div>
            )}
          </div>

          <div className="flex flex-col gap-2">
            <h3 className="font-medium">{t('recent')}</h3>
            {deliveries.length === 0 ? (
              <p className="text-sm text-slate-600 dark:text-slate-400">{t('nothingSent')}</p>
            ) : (
              <ul className="flex flex-col gap-1 text-sm" data-testid="delivery-log">
                {deliveries.map((delivery) => (
                  <li
                    key={`${delivery.channel}:${delivery.occurrence_key}`}
                    data-testid="delivery-item"
                  >
                    <time dateTime={delivery.at}>{when(delivery.at)}</time> ·{' '}
                    {channelName(delivery.channel)} · {delivery.kind} · {delivery.status}
                    {delivery.attempts > 1 && t('afterAttempts', { count: delivery.attempts })}
                    {delivery.status_code !== null && ` (${delivery.status_code})`}
                    {delivery.error && ` · ${delivery.error}`}
                  </li>
                ))}
              </ul>
            )}
          </div>
        </>
      )}
    </section>
  );
}
