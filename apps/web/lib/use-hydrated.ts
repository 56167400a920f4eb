'use client';

import { type RefCallback, useCallback } from 'react';

/**
 * Marks a view's root with `data-hydrated="true"` once React has taken over the server's HTML.
 * A view arrives drawn, but until then a click or a key does nothing; tests wait for the mark.
 * It is written to the element, not kept in state: a state change here would render the whole
 * view a second time right after hydration, the longest task of a phone's start-up.
 */
export function useHydratedMark(): RefCallback<HTMLElement> {
  return useCallback((element) => {
    element?.setAttribute('data-hydrated', 'true');
  }, []);
}
