import { ErrorCode, type ProtocolError } from '@wt/protocol';
import type { Response } from 'express';

/** HTTP status of each error code (design.md section 2). */
const STATUS: Partial<Record<ErrorCode, number>> = {
  [ErrorCode.INVALID_URL]: 400,
  [ErrorCode.NOT_TIKTOK]: 400,
  [ErrorCode.INVALID_PAYLOAD]: 400,
  [ErrorCode.VIDEO_PRIVATE]: 403,
  [ErrorCode.VIDEO_UNAVAILABLE]: 404,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.RANGE_NOT_SATISFIABLE]: 416,
  [ErrorCode.NOT_A_VIDEO]: 422,
  [ErrorCode.RATE_LIMITED]: 429,
  [ErrorCode.REGION_BLOCKED]: 451,
  [ErrorCode.INTERNAL]: 500,
  [ErrorCode.UPSTREAM_ERROR]: 502,
  [ErrorCode.TIMEOUT]: 504,
};

export function statusForCode(code: ErrorCode): number {
  return STATUS[code] ?? 400;
}

/** Answers `{error: {code, message}}` with the code's status. */
export function sendError(res: Response, error: ProtocolError): void {
  if (res.headersSent) {
    res.destroy();
    return;
  }
  res
    .status(statusForCode(error.code))
    .json({ error: { code: error.code, message: error.message } });
}
