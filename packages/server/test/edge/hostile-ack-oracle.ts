import { ErrorCode, inboundSchemas } from '@wt/protocol';
import { overTheWire, type HostileEmit } from './hostile-payloads.js';

const CODES = new Set<string>(Object.values(ErrorCode));

/** What the answer to `emit` must be, judged from the protocol alone (never from the server). */
export type Expectation =
  | { kind: 'refused'; code: ErrorCode }
  /** A payload the schema accepts: success, or a typed refusal for what it asks. */
  | { kind: 'valid' };

export function expectationFor(emit: HostileEmit): Expectation {
  const { event, args } = emit;
  if (!Object.hasOwn(inboundSchemas, event))
    return { kind: 'refused', code: ErrorCode.UNKNOWN_EVENT };
  if (args.length > 1) return { kind: 'refused', code: ErrorCode.INVALID_PAYLOAD };
  const schema = Object.entries(inboundSchemas).find(([name]) => name === event)?.[1];
  if (schema === undefined) return { kind: 'refused', code: ErrorCode.UNKNOWN_EVENT };
  return schema.safeParse(overTheWire(args[0])).success
    ? { kind: 'valid' }
    : { kind: 'refused', code: ErrorCode.INVALID_PAYLOAD };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Why `ack` is not a well-formed answer to `emit` (undefined when it is): `{ok: false,
 * error: {code, message}}` with a code of the protocol's `ErrorCode` (never INTERNAL, never
 * a stack trace), the expected code for an unknown event, extra arguments or a payload the
 * schema refuses, and `{ok: true}` only for a payload the schema accepts.
 */
export function ackProblem(emit: HostileEmit, ack: unknown): string | undefined {
  const expected = expectationFor(emit);
  if (!isRecord(ack)) return `not an object: ${JSON.stringify(ack)}`;
  if (ack.ok === true) {
    return expected.kind === 'valid' ? undefined : `accepted, expected ${expected.code}`;
  }
  if (ack.ok !== false) return `ok is ${JSON.stringify(ack.ok)}`;
  const { error } = ack;
  if (!isRecord(error)) return `no error object: ${JSON.stringify(ack)}`;
  const { code, message } = error;
  if (typeof code !== 'string' || !CODES.has(code)) return `untyped code ${JSON.stringify(code)}`;
  if (typeof message !== 'string' || message.length === 0) return `no message for ${code}`;
  if (/at .*\.(ts|js):\d+/.test(message)) return `stack trace in the message: ${message}`;
  if (code === ErrorCode.INTERNAL) return `INTERNAL: ${message}`;
  if (expected.kind === 'refused' && code !== expected.code) {
    return `got ${code} (${message}), expected ${expected.code}`;
  }
  return undefined;
}
