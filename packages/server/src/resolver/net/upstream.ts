import type { Readable } from 'node:stream';
import { AppError, ErrorCode } from '@wt/protocol';
import { request, type Agent } from 'undici';
import { isTikTokUpstreamHost } from './hosts.js';
import { BlockedAddressError, createOriginAgent, createPublicAgent } from './safe-agent.js';

export type HeaderValue = string | string[] | undefined;

export interface UpstreamResponse {
  status: number;
  headers: Record<string, HeaderValue>;
  body: Readable;
  /** The TikTok URL this answers (before TIKTOK_ORIGIN mapping). */
  url: URL;
}

export interface UpstreamRequest {
  method?: 'GET' | 'HEAD';
  headers: Record<string, string>;
  signal?: AbortSignal | undefined;
}

export interface UpstreamClientOptions {
  tiktokOrigin?: string | undefined;
  connectTimeoutMs?: number;
  headersTimeoutMs?: number;
  bodyTimeoutMs?: number;
}

export function headerString(value: HeaderValue): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

/**
 * The only way the server talks to TikTok. A URL is fetched only when it is on a
 * TikTok host (then over HTTPS, to a public address checked at connect time) or on the
 * configured TIKTOK_ORIGIN; with TIKTOK_ORIGIN set, TikTok URLs are sent there with the
 * same path and query. Redirects are never followed here: callers check every hop.
 */
export class UpstreamClient {
  readonly origin: URL | undefined;
  private readonly publicAgent: Agent;
  private readonly originAgent: Agent | undefined;

  constructor(options: UpstreamClientOptions = {}) {
    const timeouts = {
      connectTimeoutMs: options.connectTimeoutMs ?? 5_000,
      headersTimeoutMs: options.headersTimeoutMs ?? 15_000,
      bodyTimeoutMs: options.bodyTimeoutMs ?? 30_000,
    };
    this.origin = options.tiktokOrigin ? new URL(options.tiktokOrigin) : undefined;
    this.publicAgent = createPublicAgent(timeouts);
    this.originAgent = this.origin ? createOriginAgent(timeouts) : undefined;
  }

  /** True when the server may fetch this URL. */
  isAllowed(url: URL): boolean {
    return this.target(url) !== undefined;
  }

  /** Where a URL is really fetched from, or undefined when it must not be fetched. */
  target(url: URL): { url: URL; agent: Agent } | undefined {
    if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
    if (url.username !== '' || url.password !== '') return undefined;
    if (this.origin && this.originAgent) {
      if (url.origin === this.origin.origin) return { url, agent: this.originAgent };
      if (isTikTokUpstreamHost(url.hostname) && url.port === '') {
        return {
          url: new URL(`${url.pathname}${url.search}`, this.origin),
          agent: this.originAgent,
        };
      }
      return undefined;
    }
    if (!isTikTokUpstreamHost(url.hostname) || url.port !== '') return undefined;
    const secure = new URL(url.href);
    secure.protocol = 'https:';
    return { url: secure, agent: this.publicAgent };
  }

  /** The URL a browser should open for this TikTok URL (TIKTOK_ORIGIN mapping applied). */
  mapForBrowser(url: URL): URL {
    const target = this.target(url);
    if (!target) throw new AppError(ErrorCode.NOT_TIKTOK, 'Only TikTok links can be opened.');
    return target.url;
  }

  /** One request, no redirects followed. */
  async request(url: URL, init: UpstreamRequest): Promise<UpstreamResponse> {
    const target = this.target(url);
    if (!target) {
      throw new AppError(ErrorCode.NOT_TIKTOK, 'The link leads outside TikTok.');
    }
    try {
      const response = await request(target.url, {
        dispatcher: target.agent,
        method: init.method ?? 'GET',
        headers: init.headers,
        signal: init.signal,
      });
      return { status: response.statusCode, headers: response.headers, body: response.body, url };
    } catch (error) {
      if (init.signal?.aborted) throw init.signal.reason;
      if (!(error instanceof Error)) throw error;
      const failure = new AppError(
        ErrorCode.UPSTREAM_ERROR,
        error instanceof BlockedAddressError
          ? 'TikTok resolved to an address the server will not contact.'
          : 'TikTok could not be reached. Try again in a moment.',
      );
      failure.cause = error;
      throw failure;
    }
  }

  async close(): Promise<void> {
    await Promise.all([this.publicAgent.close(), this.originAgent?.close()]);
  }
}
