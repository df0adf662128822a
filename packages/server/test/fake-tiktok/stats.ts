/** What the fake origin counts, so tests can assert how often the server went upstream. */
export interface FakeStats {
  /** Page GETs by video id. */
  pageHits: Map<string, number>;
  /** Most page requests in progress at one moment. */
  maxConcurrentPages: number;
  shortLinkHits: number;
  apiHits: number;
  cdnRequests: number;
  cdnBytes: number;
  cdnForbidden: number;
  wafChallenges: number;
  /** Cover image GETs (`/obj/cover-ID.jpeg`). */
  coverHits: number;
  /** Every request's method and path, in order. */
  log: string[];
}

export function emptyStats(): FakeStats {
  return {
    pageHits: new Map(),
    maxConcurrentPages: 0,
    shortLinkHits: 0,
    apiHits: 0,
    cdnRequests: 0,
    cdnBytes: 0,
    cdnForbidden: 0,
    wafChallenges: 0,
    coverHits: 0,
    log: [],
  };
}
