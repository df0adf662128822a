import { useEffect, useEffectEvent } from 'react';
import { shortcutFor, type KeyTarget, type ShortcutAction } from './shortcuts';

/** What kind of element a key press lands on, as `shortcutFor` needs it. */
function keyTarget(target: EventTarget | null): KeyTarget {
  if (!(target instanceof HTMLElement)) return 'other';
  if (target.isContentEditable || target.closest('textarea, select')) return 'typing';
  if (target instanceof HTMLInputElement) {
    if (target.type === 'range') return 'slider';
    return target.type === 'checkbox' || target.type === 'radio' || target.type === 'button'
      ? 'control'
      : 'typing';
  }
  if (target.closest('button, a[href], summary, [role="button"], [role="slider"]')) {
    return 'control';
  }
  return 'other';
}

/**
 * The player's keyboard shortcuts for the whole page (see `shortcuts.ts`). Nothing fires
 * while a modal dialog is open: its keys are its own.
 */
export function useShortcuts(run: (action: ShortcutAction) => void): void {
  const onAction = useEffectEvent(run);
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented || event.isComposing) return;
      if (document.querySelector('[aria-modal="true"]')) return;
      const action = shortcutFor({
        key: event.key,
        ctrlKey: event.ctrlKey,
        metaKey: event.metaKey,
        altKey: event.altKey,
        target: keyTarget(event.target),
      });
      if (action === undefined) return;
      event.preventDefault();
      onAction(action);
    };
    document.addEventListener('keydown', onKeyDown);
    return () => {
      document.removeEventListener('keydown', onKeyDown);
    };
  }, []);
}
