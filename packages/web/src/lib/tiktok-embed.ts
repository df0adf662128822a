/**
 * The TikTok Embed Player's postMessage API (tiktok-reference.md section 4):
 * commands to the player, and parsing of what it reports back. Pure, no DOM.
 */

export const TIKTOK_EMBED_ORIGIN = 'https://www.tiktok.com';

export type EmbedCommandType = 'play' | 'pause' | 'seekTo' | 'mute' | 'unMute';

export interface EmbedCommand {
  'x-tiktok-player': true;
  type: EmbedCommandType;
  value?: number;
}

export function embedCommand(type: EmbedCommandType, value?: number): EmbedCommand {
  return value === undefined
    ? { 'x-tiktok-player': true, type }
    : { 'x-tiktok-player': true, type, value };
}

/** `onStateChange` values. */
export const EmbedState = {
  init: -1,
  ended: 0,
  playing: 1,
  paused: 2,
  buffering: 3,
} as const;

/** `onPlayerError` code for "autoplay blocked". */
export const EMBED_AUTOPLAY_BLOCKED = 3002;

export type EmbedEvent =
  | { type: 'ready' }
  | { type: 'state'; state: number }
  | { type: 'time'; currentTime: number; duration: number | undefined }
  | { type: 'mute'; muted: boolean }
  | { type: 'error'; code: number | undefined };

function record(value: unknown): Record<string, unknown> | undefined {
  if (typeof value === 'string') {
    try {
      const parsed: unknown = JSON.parse(value);
      return record(parsed);
    } catch {
      return undefined;
    }
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  return Object.fromEntries(Object.entries(value));
}

function finite(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

/** A message from the player, or undefined for anything else (other frames, noise). */
export function parseEmbedMessage(data: unknown): EmbedEvent | undefined {
  const message = record(data);
  if (message?.['x-tiktok-player'] !== true) return undefined;
  const value = message.value;
  switch (message.type) {
    case 'onPlayerReady':
      return { type: 'ready' };
    case 'onStateChange': {
      const state = finite(value);
      return state === undefined ? undefined : { type: 'state', state };
    }
    case 'onCurrentTime': {
      const fields = record(value);
      const currentTime = finite(fields?.currentTime);
      if (currentTime === undefined) return undefined;
      return { type: 'time', currentTime, duration: finite(fields?.duration) };
    }
    case 'onMute':
      return { type: 'mute', muted: value === true };
    case 'onPlayerError':
      return { type: 'error', code: finite(record(value)?.errorCode) };
    default:
      return undefined;
  }
}

/** The Embed Player URL with our parameters: no autoplay (the room decides), controls on. */
export function embedSrc(embedUrl: string): string {
  const separator = embedUrl.includes('?') ? '&' : '?';
  return `${embedUrl}${separator}autoplay=0&controls=1`;
}
