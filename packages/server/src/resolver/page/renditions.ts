import { tryUrl } from '../net/hosts.js';
import { renditionSchema, type ItemVideo, type Rendition } from './item-schema.js';

/** A playable file: its URLs (mirrors, best first) and what TikTok says about it. */
export interface MediaChoice {
  urls: string[];
  width: number | undefined;
  height: number | undefined;
}

/** Browsers play H.264; `bytevc1` (HEVC) and `bytevc2` often have no audio or do not play. */
function isH264(rendition: Rendition): boolean {
  const codec = rendition.CodecType?.toLowerCase();
  if (codec) return codec === 'h264' || codec === 'avc' || codec === 'avc1';
  return /_h264_/i.test(rendition.PlayAddr.UrlKey ?? '');
}

/** Unix ms of a media URL's `expire` (or `x-expires`) parameter, if it has one. */
export function mediaUrlExpiry(url: string): number | undefined {
  const parsed = tryUrl(url);
  const raw = parsed?.searchParams.get('expire') ?? parsed?.searchParams.get('x-expires');
  if (!raw || !/^\d{9,11}$/.test(raw)) return undefined;
  return Number(raw) * 1000;
}

/** Largest H.264 rendition up to 1080 lines (TikTok's "hd" is plenty for a shared screen). */
function bestH264(video: ItemVideo): Rendition | undefined {
  const renditions = (video.bitrateInfo ?? []).flatMap((entry) => {
    const parsed = renditionSchema.safeParse(entry);
    return parsed.success && isH264(parsed.data) && parsed.data.PlayAddr.UrlList.length > 0
      ? [parsed.data]
      : [];
  });
  const fits = (r: Rendition): boolean =>
    Math.min(r.PlayAddr.Width ?? 0, r.PlayAddr.Height ?? 0) <= 1080;
  const score = (r: Rendition): number => (fits(r) ? 1e12 : 0) + (r.Bitrate ?? 0);
  return renditions.sort((a, b) => score(b) - score(a))[0];
}

/**
 * Picks the file to play: the best H.264 rendition, else `playAddr`, else the
 * watermarked `downloadAddr`. URLs the server may not fetch are dropped.
 */
export function chooseMedia(
  video: ItemVideo,
  isAllowed: (url: URL) => boolean,
): MediaChoice | undefined {
  const allowed = (urls: readonly string[]): string[] =>
    urls.filter((url) => {
      const parsed = tryUrl(url);
      return parsed !== undefined && isAllowed(parsed);
    });
  const h264 = bestH264(video);
  const playAddr = typeof video.playAddr === 'string' ? [video.playAddr] : (video.playAddr ?? []);
  const options: MediaChoice[] = [
    ...(h264
      ? [
          {
            urls: allowed(h264.PlayAddr.UrlList),
            width: h264.PlayAddr.Width,
            height: h264.PlayAddr.Height,
          },
        ]
      : []),
    { urls: allowed(playAddr), width: video.width, height: video.height },
    {
      urls: allowed(video.downloadAddr ? [video.downloadAddr] : []),
      width: video.width,
      height: video.height,
    },
  ];
  return options.find((option) => option.urls.length > 0);
}
