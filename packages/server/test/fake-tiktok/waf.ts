import { createHash, randomBytes, randomInt } from 'node:crypto';

/**
 * TikTok's "Please wait..." proof of work (tiktok-reference.md section 2), as the real
 * page shapes it: `<p id="wci" class="COOKIE_NAME">`, `<p id="cs" class="BASE64(JSON)">`.
 */
export class FakeWaf {
  private readonly issued = new Set<string>();

  /** A challenge page; the nonce is small so tests stay fast (the real one goes to 1e6). */
  challengePage(): string {
    const prefix = randomBytes(16);
    const nonce = randomInt(0, 20_000);
    const digest = createHash('sha256').update(prefix).update(String(nonce)).digest();
    const a = prefix.toString('base64');
    this.issued.add(a);
    const cs = Buffer.from(
      JSON.stringify({ v: { a, c: digest.toString('base64') }, s: 'fake-sign', t: Date.now() }),
    ).toString('base64');
    return [
      '<!DOCTYPE html><html><head><meta charset="utf-8"><title>Please wait...</title>',
      '<script id="slardar-config">{"slardarClient":"SlardarWAF"}</script></head><body>',
      '<p>Please wait...</p>',
      `<p id="wci" class="_wafchallengeid"></p><p id="cs" class="${cs}"></p>`,
      `<p id="rci" class="waforiginalreid"></p><p id="rs" class="${randomBytes(8).toString('hex')}"></p>`,
      '<script>/* the real page solves the challenge in JS and reloads */</script>',
      '</body></html>',
    ].join('');
  }

  /** Whether a `_wafchallengeid` cookie value answers a challenge this WAF issued. */
  verify(cookieValue: string | undefined): boolean {
    if (!cookieValue) return false;
    try {
      const parsed: unknown = JSON.parse(Buffer.from(cookieValue, 'base64').toString('utf8'));
      const v: unknown =
        typeof parsed === 'object' && parsed ? Reflect.get(parsed, 'v') : undefined;
      const a: unknown = typeof v === 'object' && v ? Reflect.get(v, 'a') : undefined;
      const c: unknown = typeof v === 'object' && v ? Reflect.get(v, 'c') : undefined;
      const d: unknown =
        typeof parsed === 'object' && parsed ? Reflect.get(parsed, 'd') : undefined;
      if (typeof a !== 'string' || typeof c !== 'string' || typeof d !== 'string') return false;
      if (!this.issued.has(a)) return false;
      const digest = createHash('sha256')
        .update(Buffer.from(a, 'base64'))
        .update(Buffer.from(d, 'base64').toString('utf8'))
        .digest('base64');
      return digest === c;
    } catch {
      return false;
    }
  }
}
