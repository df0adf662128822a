/**
 * Error codes shared by the Socket.io acknowledgements and the HTTP API.
 * Clients switch on `code`; `message` is for people.
 */
export const ErrorCode = {
  INVALID_PAYLOAD: 'INVALID_PAYLOAD',
  PROTOCOL_MISMATCH: 'PROTOCOL_MISMATCH',
  ROOM_NOT_FOUND: 'ROOM_NOT_FOUND',
  NOT_IN_ROOM: 'NOT_IN_ROOM',
  FORBIDDEN: 'FORBIDDEN',
  /** The room has a password and the join carried none. */
  PASSWORD_REQUIRED: 'PASSWORD_REQUIRED',
  WRONG_PASSWORD: 'WRONG_PASSWORD',
  /** The host banned this person from the room. */
  BANNED: 'BANNED',
  RATE_LIMITED: 'RATE_LIMITED',
  ROOM_LIMIT_REACHED: 'ROOM_LIMIT_REACHED',
  /** The room has `MAX_ROOM_MEMBERS` people already. */
  ROOM_FULL: 'ROOM_FULL',
  /** An event the server does not know (asked with an acknowledgement). */
  UNKNOWN_EVENT: 'UNKNOWN_EVENT',
  INDEX_OUT_OF_RANGE: 'INDEX_OUT_OF_RANGE',
  QUEUE_FULL: 'QUEUE_FULL',
  MESSAGE_EMPTY: 'MESSAGE_EMPTY',
  MESSAGE_TOO_LONG: 'MESSAGE_TOO_LONG',
  NO_VIDEO: 'NO_VIDEO',
  INVALID_URL: 'INVALID_URL',
  NOT_TIKTOK: 'NOT_TIKTOK',
  VIDEO_PRIVATE: 'VIDEO_PRIVATE',
  VIDEO_UNAVAILABLE: 'VIDEO_UNAVAILABLE',
  NOT_A_VIDEO: 'NOT_A_VIDEO',
  REGION_BLOCKED: 'REGION_BLOCKED',
  UPSTREAM_ERROR: 'UPSTREAM_ERROR',
  TIMEOUT: 'TIMEOUT',
  NOT_FOUND: 'NOT_FOUND',
  RANGE_NOT_SATISFIABLE: 'RANGE_NOT_SATISFIABLE',
  INTERNAL: 'INTERNAL',
  /** A service the server needs (Redis) is away; try again shortly. */
  UNAVAILABLE: 'UNAVAILABLE',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface ProtocolError {
  code: ErrorCode;
  message: string;
}

/** A typed failure that can travel to a client unchanged. */
export class AppError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'AppError';
    this.code = code;
  }
  toJSON(): ProtocolError {
    return { code: this.code, message: this.message };
  }
}

export function protocolError(code: ErrorCode, message: string): ProtocolError {
  return { code, message };
}
