import type { FakeCdn } from './cdn.js';

export const FAKE_AUTHOR = { uniqueId: 'fake.creator', nickname: 'Fake Creator' } as const;

export interface ItemShape {
  playAddrList?: boolean;
  photo?: boolean;
  ageGated?: boolean;
  /** The video's length as TikTok's data gives it (whole seconds); 4 by default. */
  duration?: number;
}

/**
 * An `itemStruct` as the current web app embeds it: HEVC renditions listed first (the
 * resolver must skip them), H.264 ones after, the default `playAddr`, a watermarked
 * `downloadAddr`, covers, stats.
 */
export function buildItem(
  id: string,
  cdn: FakeCdn,
  shape: ItemShape = {},
): Record<string, unknown> {
  const base = {
    id,
    desc: `Fake video ${id} #fyp <b>caption</b> / with “quotes”`,
    createTime: '1754000000',
    author: {
      id: '6800000000000000001',
      uniqueId: FAKE_AUTHOR.uniqueId,
      nickname: FAKE_AUTHOR.nickname,
      avatarThumb: 'https://p16-sign-va.tiktokcdn.com/avatar.jpeg?x-expires=1754100000',
    },
    stats: { playCount: 1200, diggCount: 300, commentCount: 12, shareCount: 4 },
    music: { id: '7300000000000000001', title: 'original sound' },
  };
  if (shape.ageGated) return { ...base, isContentClassified: true };
  if (shape.photo) {
    return {
      ...base,
      imagePost: {
        images: [1, 2, 3].map((n) => ({
          imageURL: { urlList: [`https://p16-sign.tiktokcdn-us.com/photo-${n}.jpeg`] },
        })),
      },
      video: {
        duration: 0,
        playAddr: cdn.mediaUrl(id, 'h264'),
        width: 0,
        height: 0,
      },
    };
  }
  const h264 = cdn.mediaUrl(id, 'h264');
  const h264Mirror = cdn.mediaUrl(id, 'h264', 'v19-webapp-prime.tiktok.com');
  const playAddr = shape.playAddrList
    ? [{ src: cdn.mediaUrl(id, 'h264', 'v16m.tiktokcdn-us.com') }]
    : cdn.mediaUrl(id, 'h264', 'v16-webapp-prime.us.tiktok.com');
  return {
    ...base,
    video: {
      id,
      height: 640,
      width: 360,
      duration: shape.duration ?? 4,
      ratio: '540p',
      cover: `https://p16-sign-va.tiktokcdn.com/obj/cover-${id}.jpeg?x-expires=1754100000`,
      originCover: `https://p16-sign-va.tiktokcdn.com/obj/origin-${id}.jpeg`,
      playAddr,
      downloadAddr: cdn.mediaUrl(id, 'h264', 'v16-webapp-prime.tiktok.com'),
      format: 'mp4',
      ...(shape.playAddrList
        ? {}
        : {
            bitrateInfo: [
              {
                GearName: 'adapt_lowest_1080_1',
                Bitrate: 900_000,
                QualityType: 2,
                CodecType: 'bytevc1',
                PlayAddr: {
                  UrlList: [cdn.mediaUrl(id, 'bytevc1')],
                  UrlKey: `v12044gd0000_${id}_bytevc1_1080p_900000`,
                  DataSize: 900_000,
                  Width: 1080,
                  Height: 1920,
                },
              },
              {
                GearName: 'normal_540_0',
                Bitrate: 700_000,
                QualityType: 20,
                CodecType: 'h264',
                PlayAddr: {
                  UrlList: [h264, h264Mirror, 'https://evil.example/steal.mp4'],
                  UrlKey: `v12044gd0000_${id}_h264_540p_700000`,
                  DataSize: 112_000,
                  Width: 360,
                  Height: 640,
                },
              },
              {
                GearName: 'lower_360_0',
                Bitrate: 200_000,
                QualityType: 24,
                CodecType: 'h264',
                PlayAddr: {
                  UrlList: [cdn.mediaUrl(id, 'h264')],
                  UrlKey: `v12044gd0000_${id}_h264_360p_200000`,
                  DataSize: 60_000,
                  Width: 202,
                  Height: 360,
                },
              },
              {
                GearName: 'normal_2160_0',
                Bitrate: 9_000_000,
                QualityType: 1,
                CodecType: 'h264',
                PlayAddr: {
                  UrlList: [cdn.mediaUrl(id, 'bytevc1')],
                  UrlKey: `v12044gd0000_${id}_h264_2160p_9000000`,
                  DataSize: 9_000_000,
                  Width: 2160,
                  Height: 3840,
                },
              },
            ],
          }),
    },
  };
}
