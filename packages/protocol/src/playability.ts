import { ErrorCode } from './errors.js';
import type { VideoItem } from './models.js';

/**
 * What a queue entry can do, as everyone shows it:
 * - `resolving`: the server is still asking TikTok;
 * - `ready`: our own MP4 (frame-accurate sync);
 * - `embed-only`: no MP4 here, TikTok's Embed Player may still play it (synced loosely);
 * - `failed`: nothing can play it (deleted, private, a photo post, ...).
 */
export type Playability = 'resolving' | 'ready' | 'embed-only' | 'failed';

/**
 * Answers that hold for every viewer: the embed would fail the same way, so offering it
 * would only show TikTok's own error page. Other failures (TikTok slow, blocked for the
 * server, region) may still play in a viewer's embed.
 */
const DEFINITE: ReadonlySet<string> = new Set([
  ErrorCode.VIDEO_PRIVATE,
  ErrorCode.VIDEO_UNAVAILABLE,
  ErrorCode.NOT_A_VIDEO,
  ErrorCode.NOT_FOUND,
  ErrorCode.INVALID_URL,
  ErrorCode.NOT_TIKTOK,
]);

export function playabilityOf(item: VideoItem): Playability {
  if (item.isProcessing === true) return 'resolving';
  if (item.mp4Url !== undefined) return 'ready';
  if (item.error !== undefined && DEFINITE.has(item.error.code)) return 'failed';
  return item.embedUrl !== undefined ? 'embed-only' : 'failed';
}
