'use client';

import { useEffect, useState } from 'react';
import { useTranslations } from 'use-intl';
import { AlertText } from '@/components/alert-text';
import { LanguageSelect } from '@/components/language-select';
import { useDescribeScope } from '@/lib/mcp-scopes';
import { metadataDocumentHost } from '@/lib/oauth-client';

type PublicClient = {
  client_id: string;
  client_name?: string;
  client_uri?: string;
  logo_uri?: string;
};

/** The signed query Better Auth put on this page's URL: it proves what was asked, unchanged. */
const oauthQuery = () => window.location.search.replace(/^\?/, '');

function hostOf(url: string | null | undefined): string | null {
  try {
    return url ? new URL(url).host : null;
  } catch {
    return null;
  }
}

/** The consent decision: approved or denied, Better Auth answers where the browser goes next. */
export function ConsentForm({ appName, email }: { appName: string; email: string }) {
  const t = useTranslations('consent');
  const describeScope = useDescribeScope();
  const [client, setClient] = useState<PublicClient | null>(null);
  const [scopes, setScopes] = useState<string[]>([]);
  const [redirectHost, setRedirectHost] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    const params = new URLSearchParams(window.location.search);
    setScopes((params.get('scope') ?? '').split(' ').filter(Boolean));
    setRedirectHost(hostOf(params.get('redirect_uri')));
    const clientId = params.get('client_id');
    if (!clientId) {
      setError(t('incomplete'));
      return;
    }
    fetch(`/api/auth/oauth2/public-client?client_id=${encodeURIComponent(clientId)}`)
      .then(async (response) => {
        if (!response.ok) throw new Error('unknown client');
        setClient((await response.json()) as PublicClient);
      })
      .catch(() => setError(t('unknownApp')));
  }, [t]);

  async function decide(accept: boolean) {
    setBusy(true);
    setError(null);
    try {
      const response = await fetch('/api/auth/oauth2/consent', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ accept, oauth_query: oauthQuery() }),
      });
      const body = (await response.json()) as { url?: string; redirect_uri?: string };
      const next = body.url ?? body.redirect_uri;
      if (!response.ok || !next) throw new Error('refused');
      window.location.assign(next);
    } catch {
      setError(t('failed'));
      setBusy(false);
    }
  }

  const name = client?.client_name || t('anApp');
  const siteHost = hostOf(client?.client_uri);
  // An app known by its metadata document: the name above is what that site says.
  const vouchedBy = metadataDocumentHost(client?.client_id);
  return (
    <main className="mx-auto flex min-h-dvh w-full max-w-md flex-col justify-center p-6">
      <div className="mb-2 flex items-center justify-between gap-2">
        <p className="text-sm font-medium text-slate-500 dark:text-slate-400">{appName}</p>
        <LanguageSelect account />
      </div>
      <section className="card flex flex-col gap-4 p-5" aria-labelledby="consent-title">
        <div className="flex items-center gap-3">
          {client?.logo_uri ? (
            // biome-ignore lint/performance/noImgElement: the app's own logo, on its host
            <img src={client.logo_uri} alt="" width={40} height={40} className="rounded" />
          ) : null}
          <h1 id="consent-title" className="text-xl font-semibold">
            {t('title', { name })}
          </h1>
        </div>
        <dl
          className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1 text-sm"
          data-testid="consent-client"
        >
          <dt className="font-medium">{t('app')}</dt>
          <dd>{name}</dd>
          {vouchedBy ? (
            <>
              <dt className="font-medium">{t('identifiedBy')}</dt>
              <dd data-testid="consent-identified-by">{vouchedBy}</dd>
            </>
          ) : null}
          {siteHost ? (
            <>
              <dt className="font-medium">{t('website')}</dt>
              <dd>{siteHost}</dd>
            </>
          ) : null}
          <dt className="font-medium">{t('returnsTo')}</dt>
          <dd data-testid="consent-redirect-host">{redirectHost ?? t('unknown')}</dd>
          <dt className="font-medium">{t('account')}</dt>
          <dd>{email}</dd>
        </dl>
        <div>
          <h2 className="mb-1 text-sm font-medium">{t('ableTo')}</h2>
          <ul className="list-disc ps-5 text-sm" data-testid="consent-scopes">
            {scopes.map((scope) => (
              <li key={scope} data-scope={scope}>
                {describeScope(scope)}
              </li>
            ))}
          </ul>
        </div>
        <p className="text-xs text-slate-600 dark:text-slate-400">{t('disconnectHint')}</p>
        <AlertText message={error} />
        <div className="flex gap-3">
          <button
            type="button"
            className="btn-primary"
            disabled={busy || !client}
            onClick={() => decide(true)}
          >
            {t('approve')}
          </button>
          <button
            type="button"
            className="btn-secondary"
            disabled={busy}
            onClick={() => decide(false)}
          >
            {t('deny')}
          </button>
        </div>
      </section>
    </main>
  );
}
