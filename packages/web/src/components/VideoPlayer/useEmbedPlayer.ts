import { useEffect, useEffectEvent, useRef, useState, type RefObject } from 'react';
import { playbackTarget } from '../../lib/playback-sync';
import type { SyncedPlayerOptions } from './synced-player';
import {
  EMBED_AUTOPLAY_BLOCKED,
  embedCommand,
  EmbedState,
  parseEmbedMessage,
  TIKTOK_EMBED_ORIGIN,
  type EmbedCommandType,
} from '../../lib/tiktok-embed';

export type EmbedPlayerOptions = SyncedPlayerOptions;

/**
 * The embed reports its time only now and then, and a seek takes a while to land, so
 * its tolerances are wider than the `<video>`'s.
 */
const EMBED_SYNC = {
  intervalMs: 500,
  seekThreshold: 0.75,
  seekCooldownMs: 2_000,
  commandCooldownMs: 1_000,
} as const;

interface Reported {
  time: number;
  at: number;
}

/**
 * Drives the TikTok Embed Player in `frameRef` from the room's playback state via
 * postMessage, once it has said `onPlayerReady`. Returns whether it is ready.
 */
export function useEmbedPlayer(
  frameRef: RefObject<HTMLIFrameElement | null>,
  options: EmbedPlayerOptions,
): boolean {
  const { player, clock, muted } = options;
  const [ready, setReady] = useState(false);
  const state = useRef<number>(EmbedState.init);
  const reported = useRef<Reported | undefined>(undefined);
  const lastSeek = useRef(0);
  const lastCommand = useRef<{ type: EmbedCommandType; at: number } | undefined>(undefined);

  const send = useEffectEvent((type: EmbedCommandType, value?: number) => {
    frameRef.current?.contentWindow?.postMessage(embedCommand(type, value), TIKTOK_EMBED_ORIGIN);
  });

  const onMessage = useEffectEvent((event: MessageEvent) => {
    if (event.origin !== TIKTOK_EMBED_ORIGIN) return;
    if (event.source !== frameRef.current?.contentWindow) return;
    const message = parseEmbedMessage(event.data);
    if (!message) return;
    switch (message.type) {
      case 'ready':
        setReady(true);
        send(muted ? 'mute' : 'unMute');
        break;
      case 'state':
        state.current = message.state;
        if (message.state === EmbedState.playing) options.onPlaying();
        break;
      case 'time':
        reported.current = { time: message.currentTime, at: performance.now() };
        if (message.duration !== undefined && message.duration > 0) {
          options.onDuration(message.duration);
        }
        break;
      case 'error':
        if (message.code === EMBED_AUTOPLAY_BLOCKED) options.onBlocked();
        break;
      case 'mute':
        break;
    }
  });

  const tick = useEffectEvent(() => {
    if (!ready || !player) return;
    const now = performance.now();
    const target = playbackTarget(player, clock.now(), options.duration);
    const playing = state.current === EmbedState.playing;
    const wanted: EmbedCommandType | undefined =
      target.playing && !playing ? 'play' : !target.playing && playing ? 'pause' : undefined;
    const recent = lastCommand.current;
    if (
      wanted !== undefined &&
      (recent?.type !== wanted || now - recent.at > EMBED_SYNC.commandCooldownMs)
    ) {
      send(wanted);
      lastCommand.current = { type: wanted, at: now };
    }
    const last = reported.current;
    if (!last || now - lastSeek.current < EMBED_SYNC.seekCooldownMs) return;
    const estimate = last.time + (playing ? ((now - last.at) / 1000) * player.rate : 0);
    if (Math.abs(estimate - target.position) > EMBED_SYNC.seekThreshold) {
      send('seekTo', target.position);
      lastSeek.current = now;
    }
  });

  useEffect(() => {
    const listener = (event: MessageEvent) => {
      onMessage(event);
    };
    window.addEventListener('message', listener);
    const timer = setInterval(() => {
      tick();
    }, EMBED_SYNC.intervalMs);
    return () => {
      window.removeEventListener('message', listener);
      clearInterval(timer);
    };
  }, []);

  useEffect(() => {
    tick();
  }, [player, ready]);

  useEffect(() => {
    if (ready) send(muted ? 'mute' : 'unMute');
  }, [ready, muted]);

  return ready;
}
