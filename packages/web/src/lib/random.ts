/** A source of uniform integers in `[0, max)`; injectable so tests are deterministic. */
export type RandomInt = (max: number) => number;

const RANGE = 0x1_0000_0000;

/** Uniform integer in `[0, max)` from `crypto.getRandomValues`, without modulo bias. */
export const cryptoRandomInt: RandomInt = (max) => {
  if (!Number.isInteger(max) || max <= 0 || max > RANGE) {
    throw new RangeError(`max must be an integer in 1..${RANGE}, got ${max}`);
  }
  const limit = RANGE - (RANGE % max);
  const buffer = new Uint32Array(1);
  for (;;) {
    crypto.getRandomValues(buffer);
    const value = buffer[0] ?? 0;
    if (value < limit) return value % max;
  }
};

export function pick<T>(list: readonly T[], random: RandomInt): T {
  const value = list[random(list.length)];
  if (value === undefined) throw new RangeError('cannot pick from an empty list');
  return value;
}

const TOKEN_ALPHABET = 'abcdefghijklmnopqrstuvwxyz0123456789';

/** A random `[a-z0-9]` string, e.g. for user ids. */
export function randomToken(length: number, random: RandomInt = cryptoRandomInt): string {
  let token = '';
  for (let i = 0; i < length; i++) token += TOKEN_ALPHABET.charAt(random(TOKEN_ALPHABET.length));
  return token;
}
