import { createHash } from 'node:crypto';
import { z } from 'zod';
import { elementsById } from './html-tags.js';

/**
 * TikTok's "Please wait..." WAF page (tiktok-reference.md section 2): a proof of work.
 * `<p id="cs" class="BASE64(JSON)">` holds `{v: {a, c}}`; the answer is the n (0..1e6) with
 * `sha256(base64dec(a) + String(n)) == base64dec(c)`, sent back as the cookie named by
 * `<p id="wci" class="...">`: the same JSON with `d = base64(String(n))`, base64-encoded.
 * `<p id="rci">`/`<p id="rs">` name and value a second cookie that goes along.
 */
const MAX_NONCE = 1_000_000;
const WAF_IDS: ReadonlySet<string> = new Set(['cs', 'wci', 'rci', 'rs']);

const challengeSchema = z.looseObject({
  v: z.looseObject({ a: z.string(), c: z.string() }),
});

/** A challenge page is small and has no page data; a real page may mention the WAF in its scripts. */
export function isWafChallenge(html: string): boolean {
  if (html.length > 100_000 || html.includes('__UNIVERSAL_DATA_FOR_REHYDRATION__')) return false;
  return html.includes('_wafchallengeid') || (html.includes('SlardarWAF') && html.includes('"cs"'));
}

function decodeBase64Json(value: string): unknown {
  try {
    return JSON.parse(Buffer.from(value, 'base64').toString('utf8'));
  } catch {
    return undefined;
  }
}

/** The cookies that answer the challenge, or undefined when the page is not one we can solve. */
export function solveWafChallenge(html: string): Array<[string, string]> | undefined {
  const elements = elementsById(html, WAF_IDS);
  const encoded = elements.get('cs')?.get('class');
  const cookieName = elements.get('wci')?.get('class') ?? '_wafchallengeid';
  if (!encoded || !/^[A-Za-z0-9_.-]+$/.test(cookieName)) return undefined;
  const parsed = challengeSchema.safeParse(decodeBase64Json(encoded));
  if (!parsed.success) return undefined;
  const prefix = Buffer.from(parsed.data.v.a, 'base64');
  const expected = Buffer.from(parsed.data.v.c, 'base64');
  for (let nonce = 0; nonce <= MAX_NONCE; nonce++) {
    const digest = createHash('sha256').update(prefix).update(String(nonce)).digest();
    if (digest.equals(expected)) {
      const answer = { ...parsed.data, d: Buffer.from(String(nonce)).toString('base64') };
      const cookies: Array<[string, string]> = [
        [cookieName, Buffer.from(JSON.stringify(answer)).toString('base64')],
      ];
      const extraName = elements.get('rci')?.get('class');
      const extraValue = elements.get('rs')?.get('class');
      if (extraName && extraValue && /^[A-Za-z0-9_.-]+$/.test(extraName)) {
        cookies.push([extraName, extraValue]);
      }
      return cookies;
    }
  }
  return undefined;
}
