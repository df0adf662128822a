import type { VideoItem } from '@wt/protocol';
import { useState } from 'react';

/**
 * What the local media learnt that the server does not know: a duration from the
 * file's metadata, an MP4 that failed to load here (the embed takes over), buffering.
 */
export function useMediaState(item: VideoItem | undefined) {
  const [durations, setDurations] = useState<ReadonlyMap<number, number>>(new Map());
  const [failed, setFailed] = useState<ReadonlySet<string>>(new Set());
  const [bufferingItem, setBufferingItem] = useState<number | undefined>(undefined);
  const itemId = item?.id;

  return {
    failed,
    duration: (itemId === undefined ? undefined : durations.get(itemId)) ?? item?.duration,
    buffering: itemId !== undefined && bufferingItem === itemId,
    onDuration: (seconds: number) => {
      if (itemId === undefined || durations.get(itemId) === seconds) return;
      setDurations((map) => new Map(map).set(itemId, seconds));
    },
    onBuffering: (buffering: boolean) => {
      setBufferingItem(buffering ? itemId : undefined);
    },
    onMediaError: () => {
      const src = item?.mp4Url;
      if (src !== undefined) setFailed((set) => new Set(set).add(src));
    },
  };
}
