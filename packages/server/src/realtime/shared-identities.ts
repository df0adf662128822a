import { Limits } from '@wt/protocol';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { Logger } from '../ops/logger.js';
import type { RememberedIdentity } from './identity-memory.js';

/** How long a remembered session lasts in Redis after it was last remembered. */
export const SHARED_IDENTITY_TTL_MS = 24 * 60 * 60 * 1000;

const rememberedIdentity = z.object({
  privateId: z.string().regex(/^[A-Za-z0-9_-]{22}$/),
  name: z.string().min(1).max(Limits.nameMaxLength),
});

/** Where every process finds who a Socket.io session was (see `IdentityMemory`). */
export interface SharedIdentities {
  get(sessionId: string): Promise<RememberedIdentity | undefined>;
  set(sessionId: string, identity: RememberedIdentity): void;
}

/**
 * Remembered sessions in Redis, one key each with a TTL, so a plain client that reconnects
 * to another process (its own crashed, or the balancer sent it elsewhere) is still the
 * person it was. A Redis that does not answer forgets nothing here: the client becomes a
 * new person, as it would with nothing remembered.
 */
export class RedisIdentities implements SharedIdentities {
  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly logger: Logger,
    private readonly ttlMs = SHARED_IDENTITY_TTL_MS,
  ) {}

  async get(sessionId: string): Promise<RememberedIdentity | undefined> {
    let raw: string | null;
    try {
      raw = await this.redis.get(this.key(sessionId));
    } catch (error: unknown) {
      this.logger.warn({ err: error }, 'remembered sessions: Redis did not answer');
      return undefined;
    }
    if (raw === null) return undefined;
    const parsed = rememberedIdentity.safeParse(parseJson(raw));
    if (!parsed.success) {
      this.logger.warn({ key: this.key(sessionId) }, 'remembered sessions: unreadable entry');
      return undefined;
    }
    return parsed.data;
  }

  set(sessionId: string, identity: RememberedIdentity): void {
    this.redis
      .set(this.key(sessionId), JSON.stringify(identity), 'PX', this.ttlMs)
      .catch((error: unknown) => {
        this.logger.warn({ err: error }, 'remembered sessions: could not write to Redis');
      });
  }

  private key(sessionId: string): string {
    return `${this.prefix}sio-identity:${sessionId}`;
  }
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
