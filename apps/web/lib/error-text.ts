import { useCallback } from 'react';
import { useTranslations } from 'use-intl';
import { ApiError } from './api';

/**
 * A failure in the user's language: what the browser itself found (offline, no connection) is
 * translated; a message the server wrote is shown as it wrote it.
 */
export function useErrorText() {
  const t = useTranslations('errors');
  return useCallback(
    (error: unknown) => {
      if (error instanceof ApiError && error.code === 'offline') return t('offlineNoChange');
      if (error instanceof ApiError && error.code === 'network_error') {
        return t('cannotReachServer');
      }
      return error instanceof Error ? error.message : t('somethingWrong');
    },
    [t],
  );
}
