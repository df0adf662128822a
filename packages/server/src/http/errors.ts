import { AppError, ErrorCode } from '@wt/protocol';
import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { Logger } from '../ops/logger.js';

export const notFound: RequestHandler = (_req, res) => {
  res.status(404).json({ error: { code: ErrorCode.NOT_FOUND, message: 'Nothing here.' } });
};

/** Last handler: typed errors as JSON, everything else logged and answered without details. */
export function errorHandler(logger: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    if (res.headersSent) {
      res.destroy();
      return;
    }
    if (error instanceof AppError) {
      res.status(400).json({ error: error.toJSON() });
      return;
    }
    if (error instanceof SyntaxError || hasStatus(error, 413) || hasStatus(error, 400)) {
      res
        .status(400)
        .json({ error: { code: ErrorCode.INVALID_PAYLOAD, message: 'Malformed request.' } });
      return;
    }
    logger.error({ err: error, path: req.path }, 'request failed');
    res
      .status(500)
      .json({ error: { code: ErrorCode.INTERNAL, message: 'Something went wrong on our side.' } });
  };
}

function hasStatus(error: unknown, status: number): boolean {
  return (
    typeof error === 'object' && error !== null && 'status' in error && error.status === status
  );
}
