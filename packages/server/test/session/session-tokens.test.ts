import { SignJWT } from 'jose';
import { describe, expect, it } from 'vitest';
import { newPrivateId, SessionTokens } from '../../src/session/session-tokens.js';

const SECRET = 'a-test-secret-that-is-long-enough-0123456789';
const DAY = 24 * 60 * 60 * 1000;

/** Tokens whose clock a test moves by hand. */
function tokensAt(start: number, lifetimeMs = 30 * DAY) {
  let now = start;
  const tokens = new SessionTokens(SECRET, { lifetimeMs, clock: () => now });
  const advance = (ms: number): void => {
    now += ms;
  };
  return { tokens, advance };
}

describe('session tokens', () => {
  it('issue a token that verifies as the same person, with a public id', async () => {
    const { tokens } = tokensAt(Date.UTC(2026, 0, 1));
    const session = await tokens.issue();
    expect(session.privateId).toMatch(/^[A-Za-z0-9_-]{22}$/);
    expect(session.userId).toMatch(/^[A-Za-z0-9_-]{16}$/);
    expect(session.userId).not.toBe(session.privateId);
    expect(session.expiresAt).toBe(Date.UTC(2026, 0, 31));
    const verified = await tokens.verify(session.token);
    expect(verified?.session).toEqual(session);
  });

  it('a new person each time no private id is given', async () => {
    const { tokens } = tokensAt(Date.now());
    const [a, b] = await Promise.all([tokens.issue(), tokens.issue()]);
    expect(a.privateId).not.toBe(b.privateId);
    expect(a.userId).not.toBe(b.userId);
  });

  it('refuse a token past its lifetime', async () => {
    const { tokens, advance } = tokensAt(Date.UTC(2026, 0, 1), DAY);
    const session = await tokens.issue();
    advance(DAY - 1000);
    expect(await tokens.verify(session.token)).toBeDefined();
    advance(2000);
    expect(await tokens.verify(session.token)).toBeUndefined();
    expect(await tokens.renew(session.token)).toBeUndefined();
  });

  it('refuse forged, tampered and foreign tokens', async () => {
    const { tokens } = tokensAt(Date.now());
    const session = await tokens.issue();
    const other = new SessionTokens('another-secret-that-is-long-enough-0123456');
    const foreign = await other.issue();
    const [header, payload, signature] = session.token.split('.');
    const stolen = await tokens.issue();
    const swappedPayload = `${header ?? ''}.${stolen.token.split('.')[1] ?? ''}.${signature ?? ''}`;
    const unsigned = `${header ?? ''}.${payload ?? ''}.`;
    for (const bad of [foreign.token, swappedPayload, unsigned, 'not-a-token', '']) {
      expect(await tokens.verify(bad)).toBeUndefined();
    }
  });

  it('refuse a token signed with the raw secret or without a proper subject', async () => {
    const { tokens } = tokensAt(Date.now());
    const raw = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(newPrivateId())
      .setIssuer('watch-together')
      .setIssuedAt()
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode(SECRET));
    expect(await tokens.verify(raw)).toBeUndefined();
  });

  it('renew a token once half its lifetime has passed, as the same person', async () => {
    const { tokens, advance } = tokensAt(Date.UTC(2026, 0, 1), 30 * DAY);
    const session = await tokens.issue();
    advance(14 * DAY);
    expect(await tokens.renew(session.token)).toEqual(session);
    advance(2 * DAY);
    const renewed = await tokens.renew(session.token);
    expect(renewed?.token).not.toBe(session.token);
    expect(renewed?.privateId).toBe(session.privateId);
    expect(renewed?.userId).toBe(session.userId);
    expect(renewed?.expiresAt).toBe(Date.UTC(2026, 0, 17) + 30 * DAY);
  });
});

describe('public ids', () => {
  it('are stable for a private id and differ between people', () => {
    const tokens = new SessionTokens(SECRET);
    const a = newPrivateId();
    const b = newPrivateId();
    expect(tokens.publicId(a)).toBe(tokens.publicId(a));
    expect(tokens.publicId(a)).not.toBe(tokens.publicId(b));
    expect(tokens.publicId(a)).toMatch(/^[A-Za-z0-9_-]{16}$/);
  });

  it('depend on the secret, so they cannot be computed without it', () => {
    const privateId = newPrivateId();
    const other = new SessionTokens('another-secret-that-is-long-enough-0123456');
    expect(new SessionTokens(SECRET).publicId(privateId)).not.toBe(other.publicId(privateId));
  });

  it('cannot sign in: a token whose subject is a public id is refused', async () => {
    const tokens = new SessionTokens(SECRET);
    const session = await tokens.issue();
    const [header, , signature] = session.token.split('.');
    const claims = Buffer.from(
      JSON.stringify({ sub: session.userId, iss: 'watch-together', iat: 1, exp: 4e9 }),
    ).toString('base64url');
    expect(await tokens.verify(`${header ?? ''}.${claims}.${signature ?? ''}`)).toBeUndefined();
  });
});
