import { protocolError, type ErrorCode } from '@wt/protocol';
import type { ApplyResult, Effect, Reply, RoomState } from './types.js';

export function ok(
  state: RoomState,
  effects: Effect[] = [],
  reply: Reply = { type: 'none' },
): ApplyResult {
  return { ok: true, state, effects, reply };
}

export function fail(code: ErrorCode, message: string): ApplyResult {
  return { ok: false, error: protocolError(code, message) };
}
