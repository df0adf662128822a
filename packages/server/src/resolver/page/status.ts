import { AppError, ErrorCode } from '@wt/protocol';

/**
 * TikTok's page `statusCode` (tiktok-reference.md section 2) as the error a person sees.
 * The page itself answers HTTP 200 in every case.
 */
export function statusError(statusCode: number): AppError {
  switch (statusCode) {
    case 10216:
    case 10222:
      return new AppError(
        ErrorCode.VIDEO_PRIVATE,
        'This video is private: only its author (or their followers) can watch it.',
      );
    case 10204:
    case 10221:
      return new AppError(
        ErrorCode.VIDEO_UNAVAILABLE,
        'This video is unavailable: it was deleted, or its account was removed.',
      );
    case 10231:
      return new AppError(
        ErrorCode.REGION_BLOCKED,
        'This video is not available in the region this server is in.',
      );
    case 10101:
      return new AppError(ErrorCode.UPSTREAM_ERROR, 'TikTok had a problem. Try again later.');
    default:
      return new AppError(
        ErrorCode.UPSTREAM_ERROR,
        `TikTok could not show this video (status ${statusCode}). Try again later.`,
      );
  }
}

/** Failures worth remembering for a while: asking again soon gives the same answer. */
export function isDefinite(code: string): boolean {
  return (
    code === ErrorCode.VIDEO_PRIVATE ||
    code === ErrorCode.VIDEO_UNAVAILABLE ||
    code === ErrorCode.REGION_BLOCKED ||
    code === ErrorCode.NOT_A_VIDEO
  );
}

export const AGE_RESTRICTED_MESSAGE =
  'This video is age-restricted: TikTok only shows it to signed-in adults. Open it on TikTok instead.';

export const LOGIN_REQUIRED_MESSAGE =
  'TikTok only shows this video to signed-in users (it may be age-restricted), so it cannot be played here.';
