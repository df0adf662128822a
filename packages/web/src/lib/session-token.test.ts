import { describe, expect, it } from 'vitest';
import { handshakeAuth, usableToken } from './session-token';

const TOKEN = 'eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJ4In0.c2lnbmF0dXJl';

describe('session token', () => {
  it('sends a stored token as it is', () => {
    expect(usableToken(TOKEN)).toBe(TOKEN);
    expect(handshakeAuth(usableToken(TOKEN))).toEqual({ token: TOKEN });
  });

  it('sends nothing for a missing or mangled token, so the server issues a new one', () => {
    for (const stored of [
      undefined,
      '',
      'not a token',
      'a.b',
      `${TOKEN}.extra`,
      'x'.repeat(3000),
    ]) {
      expect(usableToken(stored)).toBeUndefined();
    }
    expect(handshakeAuth(undefined)).toEqual({});
  });
});
