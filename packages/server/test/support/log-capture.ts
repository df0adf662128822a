import { pino, type Logger } from 'pino';

export interface CapturedLog {
  level: number;
  msg: string;
  [key: string]: unknown;
}

/** A real pino logger whose JSON lines are kept for the test to read. */
export function captureLogs(level = 'info'): { logger: Logger; lines: CapturedLog[] } {
  const lines: CapturedLog[] = [];
  const logger = pino(
    { level },
    {
      write(line: string) {
        const parsed: unknown = JSON.parse(line);
        if (typeof parsed === 'object' && parsed !== null && 'msg' in parsed && 'level' in parsed) {
          const { msg, level: lineLevel } = parsed;
          if (typeof msg === 'string' && typeof lineLevel === 'number') {
            lines.push({ ...parsed, msg, level: lineLevel });
          }
        }
      },
    },
  );
  return { logger, lines };
}

/** pino's number for `warn`. */
export const WARN = 40;
