import { parseTikTokUrl } from '@wt/protocol';
import PQueue from 'p-queue';
import { chromium, type Browser } from 'playwright-core';
import { CHROMIUM_ARGS } from '../packages/server/src/resolver/browser/pool.js';

/**
 * The seed's design, for comparison: one headless browser, a strictly serial queue, a
 * 100-entry cache; each link is opened in a new page and its data read from the DOM.
 * Generous to the seed: it reads the data script as soon as the page has loaded (the seed
 * waited for the network to go idle and then read `video.src`).
 */
export class SeedStyleResolver {
  private browser: Browser | undefined;
  private readonly queue = new PQueue({ concurrency: 1 });
  private readonly cache = new Map<string, string>();

  constructor(
    private readonly origin: string,
    private readonly executablePath: string,
  ) {}

  async start(): Promise<void> {
    this.browser = await chromium.launch({
      executablePath: this.executablePath,
      args: CHROMIUM_ARGS,
    });
  }

  resolve(url: string): Promise<string> {
    return this.queue.add(async () => {
      const parsed = parseTikTokUrl(url);
      if (!parsed.ok || parsed.link.kind !== 'video') throw new Error('not a video link');
      const { id } = parsed.link;
      const known = this.cache.get(id);
      if (known) return known;
      if (!this.browser) throw new Error('start() first');
      const page = await this.browser.newPage();
      try {
        await page.goto(`${this.origin}/@_/video/${id}`, { waitUntil: 'load' });
        const text: unknown = await page.evaluate(
          "document.getElementById('__UNIVERSAL_DATA_FOR_REHYDRATION__')?.textContent ?? ''",
        );
        if (typeof text !== 'string' || !text.includes('playAddr')) throw new Error('no data');
        if (this.cache.size >= 100) {
          const oldest = this.cache.keys().next();
          if (!oldest.done) this.cache.delete(oldest.value);
        }
        this.cache.set(id, text.length.toString());
        return id;
      } finally {
        await page.close();
      }
    });
  }

  async stop(): Promise<void> {
    await this.browser?.close();
  }
}
