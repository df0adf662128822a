/** Bounds shared by the server (enforcement) and the web app (input hints). */
export const Limits = {
  roomIdMaxLength: 64,
  userIdMaxLength: 64,
  nameMaxLength: 32,
  messageMaxLength: 500,
  chatHistory: 200,
  queueMaxLength: 200,
  urlMaxLength: 2048,
  /** Largest Socket.io packet the server accepts, in bytes. */
  maxPayloadBytes: 16 * 1024,
  /** Longest playback position accepted, in seconds (TikTok videos are at most 60 minutes). */
  maxTimeSeconds: 24 * 60 * 60,
  countdownSeconds: 3,
} as const;

/** Room ids: 1 to 64 of `A-Za-z0-9_-` (design.md section 2). */
export const ROOM_ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

export function isValidRoomId(value: string): boolean {
  return ROOM_ID_PATTERN.test(value);
}
