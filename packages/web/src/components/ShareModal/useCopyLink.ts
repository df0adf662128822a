import { useEffect, useRef, useState, type RefObject } from 'react';

export type CopyState = 'idle' | 'copied' | 'manual';

const FEEDBACK_MS = 2_000;

/**
 * Copies `text` with the Clipboard API. Where that is missing or refused (plain
 * http, no permission) the link is selected so Ctrl+C / long-press copies it.
 */
export function useCopyLink(
  text: string,
  inputRef: RefObject<HTMLInputElement | HTMLTextAreaElement | null>,
) {
  const [state, setState] = useState<CopyState>('idle');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(
    () => () => {
      clearTimeout(timer.current);
    },
    [],
  );

  const show = (next: CopyState) => {
    setState(next);
    clearTimeout(timer.current);
    timer.current = setTimeout(() => {
      setState('idle');
    }, FEEDBACK_MS);
  };

  const copy = async () => {
    inputRef.current?.select();
    if (!('clipboard' in navigator) || !window.isSecureContext) {
      show('manual');
      return;
    }
    try {
      await navigator.clipboard.writeText(text);
      show('copied');
    } catch {
      show('manual');
    }
  };

  return { state, copy };
}
