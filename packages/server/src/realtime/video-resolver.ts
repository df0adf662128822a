import { AppError, embedPlayerUrl, ErrorCode, parseTikTokUrl, protocolError } from '@wt/protocol';
import type { ResolveOutcome } from '@wt/room';

/** What the room runtime needs from the resolver: a queued URL in, an outcome out. */
export interface VideoResolver {
  resolve(url: string): Promise<ResolveOutcome>;
}

/** Turns a thrown error into the outcome a queue item shows (with the embed fallback). */
export function failureOutcome(url: string, error: unknown): ResolveOutcome {
  const parsed = parseTikTokUrl(url);
  const embedUrl =
    parsed.ok && parsed.link.kind === 'video' ? embedPlayerUrl(parsed.link.id) : undefined;
  const failure =
    error instanceof AppError
      ? error.toJSON()
      : protocolError(ErrorCode.UPSTREAM_ERROR, 'The video could not be loaded. Try again.');
  return embedUrl ? { ok: false, error: failure, embedUrl } : { ok: false, error: failure };
}
