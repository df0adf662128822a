import type { Readable } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { AppError, ErrorCode } from '@wt/protocol';
import { headerString, type UpstreamResponse } from './upstream.js';

function decoded(response: UpstreamResponse): Readable {
  const encoding = headerString(response.headers['content-encoding'])?.trim().toLowerCase();
  if (encoding === 'gzip' || encoding === 'x-gzip') return response.body.pipe(createGunzip());
  if (encoding === 'br') return response.body.pipe(createBrotliDecompress());
  if (encoding === 'deflate') return response.body.pipe(createInflate());
  return response.body;
}

/** The response body as text, decompressed, refusing more than `maxBytes`. */
export async function readText(response: UpstreamResponse, maxBytes: number): Promise<string> {
  const stream = decoded(response);
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      const buffer = Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk));
      total += buffer.length;
      if (total > maxBytes) {
        throw new AppError(ErrorCode.UPSTREAM_ERROR, 'TikTok sent an unexpectedly large page.');
      }
      chunks.push(buffer);
    }
  } finally {
    if (stream !== response.body) abandon(response.body);
  }
  return Buffer.concat(chunks, total).toString('utf8');
}

/** Drops a body the caller does not need; reading it to the end keeps the connection reusable. */
export function discard(response: UpstreamResponse): void {
  // Errors on a body nobody wants change nothing: only the connection is lost.
  response.body.on('error', () => undefined);
  response.body.resume();
}

/** Stops a body mid-way (a large one we no longer want). */
export function abandon(body: Readable): void {
  // Destroying makes undici emit an AbortError: the abort we asked for, not a failure.
  body.on('error', () => undefined);
  body.destroy();
}
