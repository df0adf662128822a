import { isIP } from 'node:net';
import { AppError, ErrorCode } from '@wt/protocol';
import type { Logger } from 'pino';
import type { BrowserContext, Page, Route } from 'playwright-core';
import { z } from 'zod';
import { isPublicAddress } from '../net/ip-policy.js';
import type { UpstreamClient } from '../net/upstream.js';
import type { JobDeadline } from '../work-queue.js';
import { isLoginUrl } from '../page/fetch-page.js';
import { factsFromMediaOnly, interpretItem } from '../page/interpret.js';
import { DATA_SCRIPT_IDS, readPageData, type PageData } from '../page/page-data.js';
import type { ExtractOutcome } from '../page/page-extractor.js';
import { LOGIN_REQUIRED_MESSAGE, statusError } from '../page/status.js';
import type { BrowserPool } from './pool.js';

const POLL_MS = 50;
/** With no page data, a media request seen this long ago is taken as the answer. */
const MEDIA_ONLY_GRACE_MS = 1_500;
/** Page scripts get this long after the load event to show their data. */
const DATA_GRACE_AFTER_LOAD_MS = 3_000;

/** Reads the data scripts of every era from the live DOM, after the page's scripts ran. */
const READ_DATA_SCRIPTS = `(() => {
  const out = {};
  for (const id of ${JSON.stringify(DATA_SCRIPT_IDS)}) {
    const el = document.getElementById(id);
    if (el && el.textContent) out[id] = el.textContent;
  }
  return out;
})()`;
const scriptsSchema = z.record(z.string(), z.string());

/** The item API the web app calls when the HTML carries no data. */
const apiDetailSchema = z.object({
  statusCode: z.number().optional(),
  itemInfo: z.object({ itemStruct: z.unknown() }).optional(),
});

function isMediaRequest(url: URL, resourceType: string): boolean {
  return (
    resourceType === 'media' ||
    url.pathname.startsWith('/video/tos/') ||
    url.searchParams.get('mime_type') === 'video_mp4'
  );
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

interface Observed {
  mediaUrls: string[];
  apiData: PageData | undefined;
}

/**
 * Opens the video page in the shared headless Chromium and waits until its data shows up:
 * the data script of any era in the live DOM, or the item API answer the page's scripts
 * fetch. Never trusts `video.src` (often a `blob:`); media requests are noted and
 * aborted, as are images and fonts, and nothing on a private address is ever loaded.
 * The job's deadline runs once the browser is up (see `BrowserPool.withContext`).
 */
export async function extractWithBrowser(
  pool: BrowserPool,
  client: UpstreamClient,
  logger: Logger,
  id: string,
  pageUrl: string,
  deadline: JobDeadline,
): Promise<ExtractOutcome> {
  const target = client.mapForBrowser(new URL(pageUrl));
  return pool.withContext(async (context) => {
    const page = await context.newPage();
    const observed: Observed = { mediaUrls: [], apiData: undefined };
    await page.route('**/*', (route) => routeRequest(route, client, observed, logger));
    page.on('response', (response) => {
      if (!new URL(response.url()).pathname.startsWith('/api/item/detail')) return;
      response.json().then(
        (body: unknown) => {
          const parsed = apiDetailSchema.safeParse(body);
          if (!parsed.success) return;
          observed.apiData = readPageData(
            new Map([
              [
                '__UNIVERSAL_DATA_FOR_REHYDRATION__',
                JSON.stringify({
                  __DEFAULT_SCOPE__: { 'webapp.video-detail': parsed.data },
                }),
              ],
            ]),
            id,
          );
        },
        (error: unknown) => {
          logger.debug({ err: error }, 'unreadable item API answer');
        },
      );
    });
    const response = await page.goto(target.href, { waitUntil: 'commit' });
    if (response && isLoginUrl(new URL(response.url()))) {
      throw new AppError(ErrorCode.VIDEO_PRIVATE, LOGIN_REQUIRED_MESSAGE);
    }
    const data = await waitForData(page, id, observed, deadline.signal);
    const isAllowed = (url: URL): boolean => client.isAllowed(url);
    if (data.kind === 'status') throw statusError(data.statusCode);
    if (data.kind === 'none') return { kind: 'no-data', reason: 'the page never showed its data' };
    const facts =
      data.kind === 'media'
        ? factsFromMediaOnly(id, data.urls, isAllowed)
        : interpretItem(data.item, id, isAllowed);
    return { kind: 'ok', facts, cookie: await cookieHeader(context) };
  }, deadline);
}

type BrowserData = PageData | { kind: 'media'; urls: string[] };

async function waitForData(
  page: Page,
  id: string,
  observed: Observed,
  signal: AbortSignal,
): Promise<BrowserData> {
  let mediaSeenAt: number | undefined;
  let loadedAt: number | undefined;
  page.waitForLoadState('load').then(
    () => {
      loadedAt = Date.now();
    },
    () => undefined, // the page closed first: the loop ends with the signal
  );
  while (!signal.aborted) {
    if (isLoginUrl(new URL(page.url()))) {
      throw new AppError(ErrorCode.VIDEO_PRIVATE, LOGIN_REQUIRED_MESSAGE);
    }
    // Evaluating fails while a navigation replaces the document: the next poll retries.
    const raw: unknown = await page.evaluate(READ_DATA_SCRIPTS).catch(() => ({}));
    const scripts = scriptsSchema.safeParse(raw);
    const data = scripts.success
      ? readPageData(new Map(Object.entries(scripts.data)), id)
      : undefined;
    if (data && data.kind !== 'none') return data;
    if (observed.apiData && observed.apiData.kind !== 'none') return observed.apiData;
    if (observed.mediaUrls.length > 0) {
      mediaSeenAt ??= Date.now();
      if (Date.now() - mediaSeenAt >= MEDIA_ONLY_GRACE_MS) {
        return { kind: 'media', urls: observed.mediaUrls };
      }
    }
    if (loadedAt !== undefined && Date.now() - loadedAt > DATA_GRACE_AFTER_LOAD_MS) {
      return { kind: 'none' };
    }
    await sleep(POLL_MS);
  }
  throw signal.reason;
}

async function routeRequest(
  route: Route,
  client: UpstreamClient,
  observed: Observed,
  logger: Logger,
): Promise<void> {
  const request = route.request();
  try {
    const url = new URL(request.url());
    const type = request.resourceType();
    if (isMediaRequest(url, type)) {
      observed.mediaUrls.push(url.href);
      await route.abort('blockedbyclient');
    } else if (type === 'image' || type === 'font' || !mayLoad(url, client)) {
      await route.abort('blockedbyclient');
    } else {
      await route.continue();
    }
  } catch (error) {
    logger.debug({ err: error, url: request.url() }, 'browser request routing failed');
  }
}

/** The page may load from TikTok (or TIKTOK_ORIGIN) and public hosts, never private ones. */
function mayLoad(url: URL, client: UpstreamClient): boolean {
  if (url.protocol === 'data:' || url.protocol === 'blob:') return true;
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return false;
  if (client.origin) return url.origin === client.origin.origin;
  const host = url.hostname.replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return false;
  return isIP(host) === 0 || isPublicAddress(host);
}

async function cookieHeader(context: BrowserContext): Promise<string> {
  const cookies = await context.cookies();
  return cookies.map((cookie) => `${cookie.name}=${cookie.value}`).join('; ');
}
