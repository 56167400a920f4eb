'use client';

import type { TList, TMe } from '@todo/contracts';
import { useEffect, useState } from 'react';
import { listsApi, meApi } from '@/lib/api';

export const messageOf = (error: unknown) =>
  error instanceof Error ? error.message : 'Something went wrong';

/**
 * What every view needs before it can draw: the user (zone, week start) and their lists, read
 * once on mount. `error` holds the first failure as a sentence; views set it for their own too.
 */
export function useViewData() {
  const [me, setMe] = useState<TMe | null>(null);
  const [lists, setLists] = useState<TList[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    meApi
      .get()
      .then(setMe)
      .catch((caught) => setError(messageOf(caught)));
    listsApi
      .list()
      .then((collection) => setLists(collection.items))
      .catch((caught) => setError(messageOf(caught)));
  }, []);

  return { me, lists, setLists, error, setError };
}
