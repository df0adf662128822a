import type { AdminStats } from '@wt/protocol';

const TOKEN_KEY = 'wt-admin-token';

/** The token lives in this tab's sessionStorage only: gone when the tab closes. */
export const tokenStore = {
  get(): string | undefined {
    return sessionStorage.getItem(TOKEN_KEY) ?? undefined;
  },
  set(token: string): void {
    sessionStorage.setItem(TOKEN_KEY, token);
  },
  clear(): void {
    sessionStorage.removeItem(TOKEN_KEY);
  },
};

export type StatsResult =
  | { ok: true; stats: AdminStats }
  | { ok: false; reason: 'unauthorized' | 'unavailable'; message: string };

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

function numbersIn(value: unknown, keys: readonly string[]): boolean {
  return isRecord(value) && keys.every((key) => typeof value[key] === 'number');
}

/** A narrow check of what the server sent (no zod in the browser). */
function isStats(value: unknown): value is AdminStats {
  return (
    numbersIn(value, ['at', 'rooms', 'connections', 'people', 'queuedClips', 'cpuSeconds']) &&
    isRecord(value) &&
    Array.isArray(value.topRooms) &&
    numbersIn(value.resolver, [
      'cacheHits',
      'cacheMisses',
      'upstreamResolves',
      'upstreamSeconds',
      'queueLength',
    ]) &&
    numbersIn(value.memory, ['rssBytes', 'heapUsedBytes'])
  );
}

/** One sample from `/admin/api/stats`, the token in the `Authorization` header (never the URL). */
export async function fetchStats(token: string, signal?: AbortSignal): Promise<StatsResult> {
  try {
    const res = await fetch('/admin/api/stats', {
      headers: { authorization: `Bearer ${token}` },
      cache: 'no-store',
      ...(signal ? { signal } : {}),
    });
    if (res.status === 401) {
      return { ok: false, reason: 'unauthorized', message: 'That token is not right.' };
    }
    if (!res.ok) {
      return { ok: false, reason: 'unavailable', message: `The server answered ${res.status}.` };
    }
    const body: unknown = await res.json();
    return isStats(body)
      ? { ok: true, stats: body }
      : { ok: false, reason: 'unavailable', message: 'The server sent something unexpected.' };
  } catch {
    return { ok: false, reason: 'unavailable', message: 'The server cannot be reached.' };
  }
}
