import { describe, expect, it } from 'vitest';
import { interpretItem } from '../../src/resolver/page/interpret.js';
import { itemSchema } from '../../src/resolver/page/item-schema.js';
import { FAKE_IDS } from '../fake-tiktok/catalog.js';

const anyHost = () => true;

describe('interpretItem: reasons a person can read', () => {
  it('a photo post answered under another id reads as a photo post, not as "a different video"', () => {
    const item = itemSchema.parse({
      id: '7400000000000000999',
      imagePost: {
        images: [{ imageURL: { urlList: ['https://p16-sign.tiktokcdn-us.com/1.jpeg'] } }],
      },
      video: { duration: 0 },
    });
    expect(() => interpretItem(item, FAKE_IDS.photo, anyHost)).toThrow(
      expect.objectContaining({
        code: 'NOT_A_VIDEO',
        message: 'This is a photo post, not a video, so it cannot be played here.',
      }),
    );
  });

  it('another video under the id: unavailable, said plainly', () => {
    const item = itemSchema.parse({ id: '7400000000000000999', video: { duration: 4 } });
    expect(() => interpretItem(item, FAKE_IDS.current, anyHost)).toThrow(
      expect.objectContaining({
        code: 'VIDEO_UNAVAILABLE',
        message: expect.stringMatching(/another post/),
      }),
    );
  });
});
