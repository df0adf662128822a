import type { RoomSnapshot, VideoItem } from '@wt/protocol';
import { describe, expect, it } from 'vitest';
import { earlyMediaElement } from '../../src/http/early-media.js';
import { intoBodyStart } from '../../src/http/page-meta.js';

const clip: VideoItem = {
  id: 1,
  url: 'https://www.tiktok.com/@a/video/7400000000000000001',
  addedBy: 'Ana',
  addedAt: '2026-01-01T00:00:00.000Z',
  isProcessing: false,
  mp4Url: '/media/7400000000000000001.mp4',
};

const snapshot = (queue: VideoItem[]): Pick<RoomSnapshot, 'queue' | 'currentVideoIndex'> => ({
  queue,
  currentVideoIndex: 0,
});

describe('the early media of a room’s page', () => {
  it('is a hidden video loading the room’s clip at once', () => {
    expect(earlyMediaElement(snapshot([clip]))).toBe(
      '<video id="wt-early-media" src="/media/7400000000000000001.mp4" preload="auto" playsinline hidden></video>',
    );
  });

  it('is nothing when the room shows no MP4 of ours', () => {
    expect(earlyMediaElement(snapshot([]))).toBe('');
    expect(earlyMediaElement(snapshot([{ ...clip, isProcessing: true }]))).toBe('');
  });

  it('goes first in the body', () => {
    const html = '<html><head></head><body class="x"><div id="root"></div></body></html>';
    expect(intoBodyStart(html, '<video></video>')).toBe(
      '<html><head></head><body class="x"><video></video><div id="root"></div></body></html>',
    );
    expect(intoBodyStart('<p>no body</p>', '<video></video>')).toBe(
      '<p>no body</p><video></video>',
    );
  });
});
