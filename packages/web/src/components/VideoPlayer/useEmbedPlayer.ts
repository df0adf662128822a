import { SyncStatus } from '@wt/protocol';
import { useEffect, useEffectEvent, useRef, useState, type RefObject } from 'react';
import { effectivePlayback } from '../../lib/playback-sync';
import { planCorrection } from '../../lib/sync/planner';
import { syncStatusOf } from '../../lib/sync/status';
import { EMBED_TUNING } from '../../lib/sync/tuning';
import {
  EMBED_AUTOPLAY_BLOCKED,
  embedCommand,
  EmbedState,
  parseEmbedMessage,
  TIKTOK_EMBED_ORIGIN,
  type EmbedCommandType,
} from '../../lib/tiktok-embed';
import type { SyncedPlayerOptions } from './synced-player';

export type EmbedPlayerOptions = SyncedPlayerOptions;

/** The embed reports its time only now and then, and a seek takes a while to land. */
const EMBED_SYNC = {
  intervalMs: 250,
  seekCooldownMs: 2_000,
  commandCooldownMs: 1_000,
} as const;

interface Reported {
  time: number;
  at: number;
}

/**
 * Drives the TikTok Embed Player in `frameRef` from the room's playback state via
 * postMessage, once it has said `onPlayerReady`, with the same correction planner as
 * our `<video>` (seeks only: the embed has no rate control). Returns whether it is ready.
 */
export function useEmbedPlayer(
  frameRef: RefObject<HTMLIFrameElement | null>,
  options: EmbedPlayerOptions,
): boolean {
  const { player, clock, muted } = options;
  const [ready, setReady] = useState(false);
  const state = useRef<number>(EmbedState.init);
  const reported = useRef<Reported | undefined>(undefined);
  const blocked = useRef(false);
  const lastSeek = useRef(-Infinity);
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
        if (message.state === EmbedState.playing) {
          blocked.current = false;
          options.onPlaying();
        }
        break;
      case 'time':
        reported.current = { time: message.currentTime, at: performance.now() };
        if (message.duration !== undefined && message.duration > 0) {
          options.onDuration(message.duration);
        }
        break;
      case 'error':
        if (message.code === EMBED_AUTOPLAY_BLOCKED) {
          blocked.current = true;
          options.onBlocked();
        }
        break;
      case 'mute':
        break;
    }
  });

  const command = useEffectEvent((type: EmbedCommandType, now: number) => {
    const recent = lastCommand.current;
    if (recent?.type === type && now - recent.at < EMBED_SYNC.commandCooldownMs) return;
    send(type);
    lastCommand.current = { type, at: now };
  });

  const tick = useEffectEvent(() => {
    if (!ready || !player) return;
    const now = performance.now();
    const playback = effectivePlayback(player, clock.now(), options.durationOf);
    const playing = state.current === EmbedState.playing;
    const last = reported.current;
    const estimate = last
      ? last.time + (playing ? ((now - last.at) / 1000) * playback.rate : 0)
      : playback.position;
    const fix = planCorrection(
      { running: playback.running, position: playback.position },
      { currentTime: estimate, paused: !playing },
      playback.rate,
      EMBED_TUNING,
    );
    if (fix.play) command('play', now);
    if (fix.pause) command('pause', now);
    if (last && fix.seekTo !== undefined && now - lastSeek.current >= EMBED_SYNC.seekCooldownMs) {
      send('seekTo', fix.seekTo);
      lastSeek.current = now;
    }
    // The embed cannot prepare a start more precisely than this: it is as ready as it gets.
    if (playback.scheduled) options.reports.ready(playback.epoch);
    options.reports.status(
      syncStatusOf(
        {
          blocked: blocked.current,
          waitingForMedia: state.current === EmbedState.buffering,
          restarting: false,
          error: last ? fix.error : undefined,
        },
        EMBED_TUNING,
      ),
    );
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

  useEffect(() => {
    if (!ready) options.reports.status(SyncStatus.buffering);
  }, [ready, options.reports]);

  return ready;
}
