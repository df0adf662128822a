import { createHmac, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { FakeStats } from './stats.js';

export type Codec = 'h264' | 'bytevc1';

export interface CdnOptions {
  /** The MP4 served for a video id. */
  videoFor: (vid: string) => Buffer;
  /** Clock in ms (tests move it to expire URLs). */
  now: () => number;
  /** Life of a media URL: about six hours on the real TikTok. */
  ttlSeconds: number;
  /** Throttle (bytes per second); 0 = as fast as possible. */
  bytesPerSecond: number;
  /** Refuse everything (a CDN that keeps saying 403). */
  forbidAll: boolean;
}

const HTML_403 =
  '<html><head><title>403 Forbidden</title></head><body><center><h1>403 Forbidden</h1></center><hr><center>Tengine</center></body></html>';

function cookieValue(req: IncomingMessage, name: string): string | undefined {
  const header = req.headers.cookie ?? '';
  for (const part of header.split(';')) {
    const [key, ...rest] = part.trim().split('=');
    if (key === name) return rest.join('=');
  }
  return undefined;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

/**
 * TikTok's video CDN (tiktok-reference.md section 3): signed URLs that expire, 403
 * without the page's `tt_chain_token` cookie, Range answered with 206, HTML error bodies.
 */
export class FakeCdn {
  private readonly secret = randomBytes(16);
  private readonly tokens = new Set<string>();

  constructor(
    private readonly options: CdnOptions,
    private readonly stats: FakeStats,
  ) {}

  /** A new `tt_chain_token` the CDN will accept. */
  issueToken(): string {
    const token = randomBytes(12).toString('base64url');
    this.tokens.add(token);
    return token;
  }

  private sign(vid: string, codec: string, expire: string): string {
    return createHmac('sha256', this.secret)
      .update(`${vid}|${codec}|${expire}`)
      .digest('hex')
      .slice(0, 32);
  }

  /** A media URL as the page data carries it: on a real TikTok CDN host. */
  mediaUrl(vid: string, codec: Codec, host = 'v16-webapp-prime.tiktok.com'): string {
    const expire = String(Math.floor(this.options.now() / 1000) + this.options.ttlSeconds);
    const query = new URLSearchParams({
      a: '1988',
      bti: 'NEBzNTY6',
      ch: '0',
      cr: '3',
      dr: '0',
      lr: 'all',
      cd: '0|0|0|',
      br: '1200',
      bt: '600',
      cs: '0',
      ds: '6',
      mime_type: 'video_mp4',
      qs: '0',
      rc: 'ZjY0OGY3aDhpNGc1ZWQ5Z0Bpajs0dW85cmVkdDMzZzczNEBgMDAuMS8wXi0xMC8xMC8yYSNtLmdsMmRjcnNgLS1kMTZzcw==',
      l: '20260824101010A1B2C3D4E5F6',
      btag: 'e00088000',
      expire,
      policy: '2',
      signature: this.sign(vid, codec, expire),
      tk: 'tt_chain_token',
      vid,
      codec,
    });
    return `https://${host}/video/tos/useast2a/tos-useast2a-ve-0068c001/o${vid.slice(-6)}${codec}/?${query.toString()}`;
  }

  async handle(
    req: IncomingMessage,
    res: ServerResponse,
    url: URL,
    servesHtmlBody: (vid: string) => boolean,
  ): Promise<void> {
    this.stats.cdnRequests++;
    const forbid = (status = 403): void => {
      this.stats.cdnForbidden++;
      res.writeHead(status, { 'content-type': 'text/html' });
      res.end(HTML_403);
    };
    if (req.method === 'HEAD') {
      forbid(405);
      return;
    }
    const q = url.searchParams;
    const vid = q.get('vid') ?? '';
    const codec = q.get('codec') ?? '';
    const expire = q.get('expire') ?? '';
    const token = cookieValue(req, 'tt_chain_token');
    if (q.get('signature') !== this.sign(vid, codec, expire)) {
      forbid();
      return;
    }
    if (Number(expire) * 1000 <= this.options.now()) {
      forbid();
      return;
    }
    if (!token || !this.tokens.has(token) || this.options.forbidAll) {
      forbid();
      return;
    }
    if (codec !== 'h264') {
      res.writeHead(404, { 'content-type': 'text/html' });
      res.end('<html><body>404 Not Found</body></html>');
      return;
    }
    if (servesHtmlBody(vid)) {
      res.writeHead(200, { 'content-type': 'video/mp4' });
      res.end('<html><body><h1>Access Denied</h1></body></html>');
      return;
    }
    await this.sendRange(req, res, this.options.videoFor(vid));
  }

  /** `video` with Range (206/416), as the CDN sends it once a request has passed its checks. */
  async sendRange(req: IncomingMessage, res: ServerResponse, video: Buffer): Promise<void> {
    const size = video.length;
    const range = /^bytes=(\d*)-(\d*)$/.exec(req.headers.range ?? '');
    let start = 0;
    let end = size - 1;
    if (range) {
      const [, from = '', to = ''] = range;
      if (from === '') {
        start = Math.max(0, size - Number(to));
      } else {
        start = Number(from);
        end = to === '' ? size - 1 : Math.min(Number(to), size - 1);
      }
      if (start >= size || start > end) {
        res.writeHead(416, { 'content-range': `bytes */${size}`, 'content-type': 'text/html' });
        res.end('<html><body>416</body></html>');
        return;
      }
    }
    const headers: Record<string, string> = {
      'content-type': 'video/mp4',
      'accept-ranges': 'bytes',
      'content-length': String(end - start + 1),
    };
    if (range) headers['content-range'] = `bytes ${start}-${end}/${size}`;
    res.writeHead(range ? 206 : 200, headers);
    const chunk = 16 * 1024;
    for (let at = start; at <= end && !res.destroyed; at += chunk) {
      const piece = video.subarray(at, Math.min(end + 1, at + chunk));
      this.stats.cdnBytes += piece.length;
      if (!res.write(piece)) await new Promise((resolve) => res.once('drain', resolve));
      if (this.options.bytesPerSecond > 0)
        await sleep((piece.length / this.options.bytesPerSecond) * 1000);
    }
    res.end();
  }
}
