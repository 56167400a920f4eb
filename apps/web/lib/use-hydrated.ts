'use client';

import { useEffect, useState } from 'react';

/**
 * True once React has taken over the server's HTML. A view arrives drawn, but until then a
 * click or a key does nothing; the view's root says so in `data-hydrated`.
 */
export function useHydrated() {
  const [hydrated, setHydrated] = useState(false);
  useEffect(() => setHydrated(true), []);
  return hydrated;
}
