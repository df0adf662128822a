import { useEffectEvent, useLayoutEffect, type RefObject } from 'react';

const FOCUSABLE = [
  'a[href]',
  'button:not([disabled])',
  'input:not([disabled]):not([type="hidden"])',
  'select:not([disabled])',
  'textarea:not([disabled])',
  'iframe',
  '[tabindex]:not([tabindex="-1"])',
].join(',');

/** The elements inside `root` that Tab reaches, in order (hidden ones left out). */
export function focusableIn(root: HTMLElement): HTMLElement[] {
  return [...root.querySelectorAll<HTMLElement>(FOCUSABLE)].filter(
    (element) => !element.closest('[hidden], [inert]') && element.getClientRects().length > 0,
  );
}

export interface FocusTrapOptions {
  /** Where focus goes first (default: the first focusable element, else the container). */
  initialFocus?: RefObject<HTMLElement | null>;
  /** Called on Escape (e.g. to close the dialog). */
  onEscape?: () => void;
  /** The trap holds while true (default true: while the component is mounted). */
  active?: boolean;
}

/**
 * Keeps keyboard focus inside `containerRef` while active, as a modal dialog must: focus
 * moves in on activation, Tab and Shift+Tab wrap around inside, a focus that escapes
 * (a click outside, a script) is brought back, Escape calls `onEscape`, and on release
 * focus returns to what had it before.
 */
export function useFocusTrap(
  containerRef: RefObject<HTMLElement | null>,
  { initialFocus, onEscape, active = true }: FocusTrapOptions = {},
): void {
  const escape = useEffectEvent(() => {
    onEscape?.();
  });
  const first = useEffectEvent((): HTMLElement | undefined => initialFocus?.current ?? undefined);

  // A layout effect: focus moves in as the dialog appears and back as it goes, in the same
  // commit (a passive effect may run a frame later, after a key already went elsewhere).
  useLayoutEffect(() => {
    const container = containerRef.current;
    if (!active || !container) return;
    const previous = document.activeElement;
    const start = first() ?? focusableIn(container)[0] ?? container;
    if (start === container && !container.hasAttribute('tabindex')) {
      container.setAttribute('tabindex', '-1');
    }
    start.focus();

    const onKeyDown = (event: KeyboardEvent) => {
      if (event.key === 'Escape') {
        event.preventDefault();
        event.stopPropagation();
        escape();
        return;
      }
      if (event.key !== 'Tab') return;
      const items = focusableIn(container);
      const head = items[0];
      const tail = items.at(-1);
      if (!head || !tail) {
        event.preventDefault();
        return;
      }
      const current = document.activeElement;
      const outside = !(current instanceof Node) || !container.contains(current);
      if (event.shiftKey && (current === head || outside)) {
        event.preventDefault();
        tail.focus();
      } else if (!event.shiftKey && (current === tail || outside)) {
        event.preventDefault();
        head.focus();
      }
    };
    const onFocusIn = (event: FocusEvent) => {
      if (event.target instanceof Node && !container.contains(event.target)) {
        (focusableIn(container)[0] ?? container).focus();
      }
    };
    document.addEventListener('keydown', onKeyDown, true);
    document.addEventListener('focusin', onFocusIn);
    return () => {
      document.removeEventListener('keydown', onKeyDown, true);
      document.removeEventListener('focusin', onFocusIn);
      if (previous instanceof HTMLElement && previous.isConnected) previous.focus();
    };
  }, [containerRef, active]);
}
