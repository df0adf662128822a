/**
 * Who may open a websocket or load media from another page: the app's own origin and the
 * origins of `CORS_ORIGINS`. A request with no `Origin` header is not from a web page (a
 * native or server client); browsers always send one on a websocket handshake.
 */
export class OriginPolicy {
  private readonly allowed: ReadonlySet<string>;

  constructor(corsOrigins: readonly string[]) {
    this.allowed = new Set(corsOrigins.map((origin) => origin.replace(/\/+$/, '')));
  }

  /** The listed other origins (for media's Cross-Origin-Resource-Policy and CORS). */
  get others(): readonly string[] {
    return [...this.allowed];
  }

  isListed(origin: string): boolean {
    return this.allowed.has(origin);
  }

  /** Whether a request with these headers comes from an allowed page. */
  allows(origin: string | undefined, host: string | undefined): boolean {
    if (origin === undefined) return true;
    if (this.allowed.has(origin)) return true;
    return host !== undefined && hostOf(origin) === host.toLowerCase();
  }
}

function hostOf(origin: string): string | undefined {
  try {
    return new URL(origin).host.toLowerCase();
  } catch {
    // `Origin: null` (sandboxed frames, file://) and garbage: not same-origin.
    return undefined;
  }
}
