'use client';

import { useRef } from 'react';
import { useHotkeys } from 'react-hotkeys-hook';
import { useTranslations } from 'use-intl';

/**
 * The board's keyboard shortcuts. One table serves the key bindings and the help sheet, so the
 * sheet cannot drift from what the keys do. Keys typed into a field are the field's: the hook
 * ignores inputs, selects and text areas.
 */
export const BOARD_SHORTCUTS = [
  { keys: 'n', label: 'n', does: 'n' },
  { keys: 'slash', label: '/', does: 'slash' },
  { keys: 'j', label: 'j', does: 'j' },
  { keys: 'k', label: 'k', does: 'k' },
  { keys: 'x', label: 'x', does: 'x' },
  { keys: 'e', label: 'e', does: 'e' },
  { keys: 'delete', label: 'Delete', does: 'deleteKey' },
  { keys: 'g>a', label: 'g>a', does: 'ga' },
  { keys: 'g>i', label: 'g>i', does: 'gi' },
  { keys: 'g>t', label: 'g>t', does: 'gt' },
  { keys: 'g>u', label: 'g>u', does: 'gu' },
  { keys: 'g>o', label: 'g>o', does: 'go' },
  { keys: 'shift+slash', label: '?', does: 'help' },
] as const;

/** How the sheet writes a key: a sequence "g>a" as "g then a" in the user's language. */
function keyLabel(label: string, t: ReturnType<typeof useTranslations<'shortcuts'>>) {
  if (label === 'Delete') return t('delete');
  const [first, second] = label.split('>');
  return second ? t('gThen', { key: second }) : (first ?? label);
}

export type BoardShortcut = (typeof BOARD_SHORTCUTS)[number]['keys'];
/** Shortcuts that act on the task row that has focus (moved there with j and k). */
export const ROW_SHORTCUTS = ['x', 'e', 'delete'] as const satisfies readonly BoardShortcut[];
export type RowShortcut = (typeof ROW_SHORTCUTS)[number];

type BoardKey = Exclude<BoardShortcut, RowShortcut | 'shift+slash'>;

function focusSibling(step: 1 | -1) {
  const rows = [...document.querySelectorAll<HTMLElement>('[data-testid="task-item"]')];
  if (rows.length === 0) return;
  const current = rows.findIndex((row) => row.contains(document.activeElement));
  const next = current === -1 ? (step === 1 ? 0 : rows.length - 1) : current + step;
  rows[Math.min(Math.max(next, 0), rows.length - 1)]?.focus();
}

function focusField(id: string) {
  const field = document.getElementById(id);
  field?.focus();
}

/** Page-wide keys: moving between rows, fields and views. `go` changes the view. */
export function useBoardShortcuts(go: (key: 'g>a' | 'g>i' | 'g>t' | 'g>u' | 'g>o') => void) {
  const goRef = useRef(go);
  goRef.current = go;
  const actions: Record<BoardKey, () => void> = {
    n: () => focusField('quick-add'),
    slash: () => focusField('board-search'),
    j: () => focusSibling(1),
    k: () => focusSibling(-1),
    'g>a': () => goRef.current('g>a'),
    'g>i': () => goRef.current('g>i'),
    'g>t': () => goRef.current('g>t'),
    'g>u': () => goRef.current('g>u'),
    'g>o': () => goRef.current('g>o'),
  };
  useHotkeys(
    Object.keys(actions),
    (event, hotkey) => {
      event.preventDefault();
      const key = (hotkey.hotkey ?? '') as BoardKey;
      actions[key]?.();
    },
    { sequenceTimeoutMs: 1500 },
  );
}

/** Keys on one focused task row; the returned ref goes on the row (focusable with tabIndex −1). */
export function useRowShortcuts<T extends HTMLElement>(act: (key: RowShortcut) => void) {
  const actRef = useRef(act);
  actRef.current = act;
  return useHotkeys<T>([...ROW_SHORTCUTS], (event, hotkey) => {
    event.preventDefault();
    actRef.current(hotkey.hotkey as RowShortcut);
  });
}

/** The help sheet, opened by "?" or its button; a native dialog (Escape closes, focus is kept). */
export function ShortcutsHelp() {
  const t = useTranslations('shortcuts');
  const dialog = useRef<HTMLDialogElement>(null);
  useHotkeys('shift+slash', (event) => {
    event.preventDefault();
    dialog.current?.showModal();
  });
  return (
    <>
      <button
        type="button"
        className="btn-ghost text-sm"
        onClick={() => dialog.current?.showModal()}
        data-testid="shortcuts-button"
      >
        {t('button')}
      </button>
      <dialog
        ref={dialog}
        aria-labelledby="shortcuts-title"
        className="card m-auto max-w-md p-5 backdrop:bg-slate-950/50"
        data-testid="shortcuts-help"
      >
        <h2 id="shortcuts-title" className="mb-3 text-base font-semibold">
          {t('button')}
        </h2>
        <dl className="grid grid-cols-[auto_1fr] gap-x-4 gap-y-1.5 text-sm">
          {BOARD_SHORTCUTS.map((shortcut) => (
            <div key={shortcut.keys} className="contents">
              <dt>
                <kbd className="rounded border border-slate-300 px-1.5 font-mono text-xs dark:border-slate-600">
                  {keyLabel(shortcut.label, t)}
                </kbd>
              </dt>
              <dd>{t(shortcut.does)}</dd>
            </div>
          ))}
        </dl>
        <form method="dialog" className="mt-4 flex justify-end">
          <button type="submit" className="btn-secondary">
            {t('close')}
          </button>
        </form>
      </dialog>
    </>
  );
}
