/** One benchmark's printed result: figures, and how they compare with its baseline. */
export interface Section {
  title: string;
  /** Column names (default: measure, value); every row has one cell per column. */
  header?: string[];
  rows: Array<[string, ...string[]]>;
  /** The headline comparison with the baseline measured in the same run. */
  verdict: string;
  /** Whether the target of the issue is met (undefined: no target). */
  pass: boolean | undefined;
  /** How to read the figures. */
  note?: string;
}

export interface BenchContext {
  origin: string;
  delayMs: number;
  pageBytes: number;
  videoBytes: number;
  chromiumPath: string;
  stats(): Promise<{ pages: number; cdnRequests: number; cdnBytes: number }>;
  reset(): Promise<void>;
}

export const videoUrl = (id: string): string => `https://www.tiktok.com/@bench/video/${id}`;
