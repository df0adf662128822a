import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import { z } from 'zod';
import type { Logger } from '../ops/logger.js';
import type { Departed, PresenceRegistry } from './presence-registry.js';
import { keepBeating } from '../ops/heartbeat.js';

/** How often a live process says so (ms), and how long that word lasts. */
export const PRESENCE_HEARTBEAT_MS = 2_000;
export const PRESENCE_PROCESS_TTL_MS = 8_000;

/** Adds the connection; 1 when the person had none in the room before. */
const ATTACH = `
local before = redis.call('HLEN', KEYS[1])
redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
redis.call('SADD', KEYS[2], ARGV[3])
if before == 0 then return 1 end
return 0`;

/**
 * Removes the connection if this process still owns it (a connection that recovered on
 * another process belongs to that one now); 1 when it was the person's last one.
 */
const DETACH = `
redis.call('SREM', KEYS[2], ARGV[3])
if redis.call('HGET', KEYS[1], ARGV[1]) ~= ARGV[2] then return 0 end
redis.call('HDEL', KEYS[1], ARGV[1])
if redis.call('HLEN', KEYS[1]) == 0 then return 1 end
return 0`;

/** Removes a dead process's connection if it still owns it; 1 when that was the last one. */
const REAP = `
if redis.call('HGET', KEYS[1], ARGV[1]) ~= ARGV[2] then return 0 end
redis.call('HDEL', KEYS[1], ARGV[1])
if redis.call('HLEN', KEYS[1]) == 0 then return 1 end
return 0`;

const entrySchema = z.tuple([z.string(), z.string(), z.string()]);

/**
 * Presence shared by every process through Redis: per person and room, a hash of their
 * connections and the process serving each; per process, a heartbeat key with a TTL and
 * the set of its connections. A process whose heartbeat expired is dead: the first live
 * process to see it claims it (one `SREM` wins) and reaps its connections, so its people
 * leave their rooms within seconds.
 */
export class RedisPresence implements PresenceRegistry {
  readonly processId = randomUUID();
  private stopBeating: (() => void) | undefined;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly logger: Logger,
    private readonly timing = {
      heartbeatMs: PRESENCE_HEARTBEAT_MS,
      ttlMs: PRESENCE_PROCESS_TTL_MS,
    },
  ) {}

  /** Says this process is alive now and every heartbeat from now on. */
  async start(): Promise<void> {
    this.stopBeating = await keepBeating(
      () => this.beat(),
      this.timing.heartbeatMs,
      (error: unknown) => {
        this.logger.warn({ err: error }, 'presence heartbeat failed');
      },
    );
  }

  async attach(roomId: string, userId: string, connectionId: string): Promise<boolean> {
    const first = await this.redis.eval(
      ATTACH,
      2,
      this.personKey(roomId, userId),
      this.connectionsKey(this.processId),
      connectionId,
      this.processId,
      entryOf(roomId, userId, connectionId),
    );
    return first === 1;
  }

  async detach(roomId: string, userId: string, connectionId: string): Promise<boolean> {
    const last = await this.redis.eval(
      DETACH,
      2,
      this.personKey(roomId, userId),
      this.connectionsKey(this.processId),
      connectionId,
      this.processId,
      entryOf(roomId, userId, connectionId),
    );
    return last === 1;
  }

  async reap(): Promise<Departed[]> {
    const departed: Departed[] = [];
    for (const processId of await this.redis.smembers(this.processesKey())) {
      if (processId === this.processId) continue;
      if ((await this.redis.exists(this.aliveKey(processId))) === 1) continue;
      // Exactly one live process gets 1 here and reaps it.
      if ((await this.redis.srem(this.processesKey(), processId)) !== 1) continue;
      const connections = this.connectionsKey(processId);
      for (const raw of await this.redis.smembers(connections)) {
        const entry = parseEntry(raw);
        if (!entry) {
          this.logger.warn({ raw }, 'presence: unreadable connection entry skipped');
          continue;
        }
        const [roomId, userId, connectionId] = entry;
        const last = await this.redis.eval(
          REAP,
          1,
          this.personKey(roomId, userId),
          connectionId,
          processId,
        );
        if (last === 1) departed.push({ roomId, userId });
      }
      await this.redis.del(connections);
      this.logger.info({ processId, departed: departed.length }, 'presence: reaped a dead process');
    }
    return departed;
  }

  /**
   * Stops the heartbeat. A process with no connection left is gone at once; one that
   * still has some (a graceful stop hands its people over) lets its heartbeat expire, so
   * they have that long to come back through another process before a live one makes
   * whoever did not leave.
   */
  async close(): Promise<void> {
    this.stopBeating?.();
    if ((await this.redis.scard(this.connectionsKey(this.processId))) > 0) return;
    await this.redis
      .multi()
      .srem(this.processesKey(), this.processId)
      .del(this.aliveKey(this.processId))
      .exec();
  }

  private async beat(): Promise<void> {
    await this.redis
      .multi()
      .set(this.aliveKey(this.processId), '1', 'PX', this.timing.ttlMs)
      .sadd(this.processesKey(), this.processId)
      .exec();
  }

  private personKey(roomId: string, userId: string): string {
    return `${this.prefix}presence:${JSON.stringify([roomId, userId])}`;
  }

  private connectionsKey(processId: string): string {
    return `${this.prefix}presence-process-connections:${processId}`;
  }

  private aliveKey(processId: string): string {
    return `${this.prefix}presence-process-alive:${processId}`;
  }

  private processesKey(): string {
    return `${this.prefix}presence-processes`;
  }
}

function entryOf(roomId: string, userId: string, connectionId: string): string {
  return JSON.stringify([roomId, userId, connectionId]);
}

function parseEntry(raw: string): [string, string, string] | undefined {
  try {
    const parsed = entrySchema.safeParse(JSON.parse(raw));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined; // Not JSON: skipped (and logged) by the caller.
  }
}
