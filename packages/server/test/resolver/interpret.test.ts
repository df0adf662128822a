import { AppError } from '@wt/protocol';
import { describe, expect, it } from 'vitest';
import { interpretItem } from '../../src/resolver/page/interpret.js';
import { itemSchema } from '../../src/resolver/page/item-schema.js';
import { FAKE_IDS } from '../fake-tiktok/catalog.js';

const anyHost = () => true;

/** What `fn` threw, as the typed error a person would read. */
function thrown(fn: () => unknown): { code: string; message: string } {
  try {
    fn();
  } catch (error) {
    if (error instanceof AppError) return { code: error.code, message: error.message };
    throw error;
  }
  throw new Error('expected a refusal');
}

describe('interpretItem: reasons a person can read', () => {
  it('a photo post answered under another id reads as a photo post, not as "a different video"', () => {
    const item = itemSchema.parse({
      id: '7400000000000000999',
      imagePost: {
        images: [{ imageURL: { urlList: ['https://p16-sign.tiktokcdn-us.com/1.jpeg'] } }],
      },
      video: { duration: 0 },
    });
    expect(thrown(() => interpretItem(item, FAKE_IDS.photo, anyHost))).toEqual({
      code: 'NOT_A_VIDEO',
      message: 'This is a photo post, not a video, so it cannot be played here.',
    });
  });

  it('another video under the id: unavailable, said plainly', () => {
    const item = itemSchema.parse({ id: '7400000000000000999', video: { duration: 4 } });
    const error = thrown(() => interpretItem(item, FAKE_IDS.current, anyHost));
    expect(error.code).toBe('VIDEO_UNAVAILABLE');
    expect(error.message).toMatch(/another post/);
  });
});
