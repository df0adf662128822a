import type { VideoItem } from '@wt/protocol';
import { describe, expect, it } from 'vitest';
import { planLinks, splitLinks } from './pasted-links';

const A = 'https://www.tiktok.com/@a/video/7400000000000000001';
const B = 'https://www.tiktok.com/@b/video/7400000000000000002';
const queued = (url: string, videoId?: string): VideoItem => ({
  id: 1,
  url,
  addedBy: 'Ana',
  addedAt: '',
  ...(videoId === undefined ? {} : { videoId }),
});

describe('splitLinks', () => {
  it('one per line, spaces, tabs, commas; blanks dropped', () => {
    expect(splitLinks(`${A}\n\n ${B}\t${A},${B}\r\n`)).toEqual([A, B, A, B]);
  });
});

describe('planLinks', () => {
  it('flags a video already in the queue, whatever form its link takes', () => {
    const plan = planLinks(`https://www.tiktok.com/embed/7400000000000000001 ${B}`, [queued(A)]);
    expect(plan.map((p) => [p.ok, p.duplicate])).toEqual([
      [true, true],
      [true, false],
    ]);
  });

  it('a short link that resolved to a queued video id, and the same link twice in one paste', () => {
    const short = 'https://vm.tiktok.com/ZMabc123/';
    expect(planLinks(short, [queued(short)])[0]?.duplicate).toBe(true);
    expect(
      planLinks(A, [queued('https://vm.tiktok.com/ZMx/', '7400000000000000001')])[0]?.duplicate,
    ).toBe(true);
    expect(planLinks(`${B}\n${B}`, []).map((p) => p.duplicate)).toEqual([false, true]);
  });

  it('a bad link keeps its reason', () => {
    const [bad] = planLinks('https://youtu.be/x', []);
    expect(bad?.ok).toBe(false);
    expect(bad?.duplicate).toBe(false);
  });
});
