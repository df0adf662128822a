import { useCallback, useEffect, useRef, useState } from 'react';

const SHOWN_MS = 1200;

/** A short-lived word over the clip after a swipe or a key ("Next clip ↑"). */
export function useStageHint() {
  const [text, setText] = useState<string | undefined>(undefined);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  useEffect(
    () => () => {
      clearTimeout(timer.current);
    },
    [],
  );
  const show = useCallback((next: string) => {
    clearTimeout(timer.current);
    setText(next);
    timer.current = setTimeout(() => {
      setText(undefined);
    }, SHOWN_MS);
  }, []);
  return { text, show };
}

export function StageHint({ text }: { text: string | undefined }) {
  return (
    <div className="stage-hint" data-testid="stage-hint" role="status">
      {text !== undefined && <span key={text}>{text}</span>}
    </div>
  );
}
