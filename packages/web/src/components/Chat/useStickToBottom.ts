import { useLayoutEffect, useRef, useState, type RefObject } from 'react';

/** Within this many pixels of the end counts as "at the bottom". */
const SLACK_PX = 48;

/**
 * Keeps a scrolling list pinned to its newest entry, unless the reader has scrolled
 * up to read history (then a "jump to latest" button is offered instead).
 */
export function useStickToBottom(
  listRef: RefObject<HTMLElement | null>,
  changeKey: unknown,
  forceScroll: boolean,
) {
  const pinned = useRef(true);
  const [awayFromBottom, setAwayFromBottom] = useState(false);

  useLayoutEffect(() => {
    const list = listRef.current;
    if (!list || !(pinned.current || forceScroll)) return;
    list.scrollTop = list.scrollHeight;
    pinned.current = true;
  }, [listRef, changeKey, forceScroll]);

  return {
    awayFromBottom,
    onScroll: () => {
      const list = listRef.current;
      if (!list) return;
      const atBottom = list.scrollHeight - list.scrollTop - list.clientHeight <= SLACK_PX;
      pinned.current = atBottom;
      setAwayFromBottom(!atBottom);
    },
    jumpToLatest: () => {
      const list = listRef.current;
      if (!list) return;
      list.scrollTo({ top: list.scrollHeight, behavior: 'smooth' });
      pinned.current = true;
      setAwayFromBottom(false);
    },
  };
}
