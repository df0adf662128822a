/**
 * The fake origin's videos: each id stands for one behaviour of the real TikTok
 * (tiktok-reference.md). Any other 19-digit id starting with `75` is an ordinary
 * video of the current era, one starting with `76` a browser-only page (benchmarks use
 * those), one starting with `77` a clip of its own length (clips.ts); everything else
 * does not exist.
 */
export const FAKE_IDS = {
  current: '7400000000000000001',
  reflow: '7400000000000000002',
  sigi: '7400000000000000003',
  nextData: '7400000000000000004',
  playAddrList: '7400000000000000005',
  deleted: '7400000000000000010',
  private: '7400000000000000011',
  privateAccount: '7400000000000000012',
  banned: '7400000000000000013',
  regionBlocked: '7400000000000000014',
  serverError: '7400000000000000015',
  photo: '7400000000000000020',
  ageGated: '7400000000000000021',
  browserOnly: '7400000000000000030',
  waf: '7400000000000000031',
  login: '7400000000000000032',
  shell: '7400000000000000033',
  wafStubborn: '7400000000000000034',
  browserMediaOnly: '7400000000000000035',
  badCdn: '7400000000000000040',
} as const;

export type Era = 'universal' | 'reflow' | 'sigi' | 'next';

export type Scenario =
  | { kind: 'video'; era: Era; playAddrList?: boolean; cdn?: 'ok' | 'html-body' }
  | { kind: 'status'; statusCode: number }
  | { kind: 'photo' }
  | { kind: 'age-gated' }
  /** No data in the HTML: the page's script fetches it and writes it into the DOM. */
  | { kind: 'browser-only' }
  /** No data anywhere: the page's script only points its `<video>` at the CDN. */
  | { kind: 'browser-media-only' }
  | { kind: 'waf'; stubborn: boolean }
  | { kind: 'login' }
  | { kind: 'shell' };

const SCENARIOS = new Map<string, Scenario>([
  [FAKE_IDS.current, { kind: 'video', era: 'universal' }],
  [FAKE_IDS.reflow, { kind: 'video', era: 'reflow' }],
  [FAKE_IDS.sigi, { kind: 'video', era: 'sigi' }],
  [FAKE_IDS.nextData, { kind: 'video', era: 'next' }],
  [FAKE_IDS.playAddrList, { kind: 'video', era: 'universal', playAddrList: true }],
  [FAKE_IDS.deleted, { kind: 'status', statusCode: 10204 }],
  [FAKE_IDS.private, { kind: 'status', statusCode: 10216 }],
  [FAKE_IDS.privateAccount, { kind: 'status', statusCode: 10222 }],
  [FAKE_IDS.banned, { kind: 'status', statusCode: 10221 }],
  [FAKE_IDS.regionBlocked, { kind: 'status', statusCode: 10231 }],
  [FAKE_IDS.serverError, { kind: 'status', statusCode: 10101 }],
  [FAKE_IDS.photo, { kind: 'photo' }],
  [FAKE_IDS.ageGated, { kind: 'age-gated' }],
  [FAKE_IDS.browserOnly, { kind: 'browser-only' }],
  [FAKE_IDS.browserMediaOnly, { kind: 'browser-media-only' }],
  [FAKE_IDS.waf, { kind: 'waf', stubborn: false }],
  [FAKE_IDS.wafStubborn, { kind: 'waf', stubborn: true }],
  [FAKE_IDS.login, { kind: 'login' }],
  [FAKE_IDS.shell, { kind: 'shell' }],
  [FAKE_IDS.badCdn, { kind: 'video', era: 'universal', cdn: 'html-body' }],
]);

export function scenarioFor(id: string): Scenario {
  const known = SCENARIOS.get(id);
  if (known) return known;
  if (/^75\d{17}$/.test(id)) return { kind: 'video', era: 'universal' };
  if (/^76\d{17}$/.test(id)) return { kind: 'browser-only' };
  // Clips of a chosen length (clips.ts): ordinary videos with their own media.
  if (/^77\d{17}$/.test(id)) return { kind: 'video', era: 'universal' };
  return { kind: 'status', statusCode: 10204 };
}

/** A generic, existing video id for benchmarks: `75` + 17 digits. */
export function genericId(n: number): string {
  return `75${String(n).padStart(17, '0')}`;
}

/** A generic video whose page only has data after its scripts ran: `76` + 17 digits. */
export function browserOnlyId(n: number): string {
  return `76${String(n).padStart(17, '0')}`;
}

/**
 * Short links: code -> where it redirects. vm/vt codes live at `/CODE/`, www's at
 * `/t/CODE/` (one namespace: the fake serves every host from one origin).
 * `{origin}` is replaced by the fake's own origin.
 */
export const SHORT_LINKS: Readonly<Record<string, string>> = {
  ZMok0001: `https://www.tiktok.com/@fake.creator/video/${FAKE_IDS.current}?_r=1&_t=ZM-8vX`,
  ZSok0002: `https://www.tiktok.com/@fake.creator/video/${FAKE_IDS.reflow}?_r=1&_t=ZS-8vX`,
  ZTok0003: `https://www.tiktok.com/@fake.creator/video/${FAKE_IDS.sigi}?_r=1&_t=ZT-8vX`,
  ZMchain01: 'https://vt.tiktok.com/ZSok0002/',
  ZMrel0001: `/@fake.creator/video/${FAKE_IDS.nextData}?_r=1`,
  ZMphoto01: `https://www.tiktok.com/@fake.creator/photo/${FAKE_IDS.photo}?_r=1`,
  ZMloop001: 'https://vm.tiktok.com/ZMloop001/',
  ZMevil001: `https://tiktok.com.evil.example/@x/video/${FAKE_IDS.current}`,
  ZMlocal01: `{origin}/@x/video/${FAKE_IDS.current}`,
  ZMmeta001: 'http://169.254.169.254/latest/meta-data/',
  ZMloopb01: 'http://127.0.0.1/@x/video/7400000000000000001',
};

/** Where an unknown (dead) short code goes, as on the real TikTok. */
export const DEAD_SHORT_LINK_TARGET = 'https://www.tiktok.com/?_r=1';
