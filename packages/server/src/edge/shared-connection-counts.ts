import { randomUUID } from 'node:crypto';
import type { Redis } from 'ioredis';
import type { Logger } from '../ops/logger.js';
import { keepBeating } from '../ops/heartbeat.js';

/** How often a live process says so (ms), and how long that word lasts. */
export const CONNECTION_COUNTS_HEARTBEAT_MS = 2_000;
export const CONNECTION_COUNTS_PROCESS_TTL_MS = 6_000;

/** An address's hash is dropped after this long without a connection opened or closed. */
const IDLE_ADDRESS_MS = 24 * 60 * 60 * 1000;

/**
 * The address's open connections over every live process; a dead process's share (its
 * heartbeat key expired) is deleted on the way. ARGV[1]: the heartbeat keys' prefix.
 * (Reads keys named at run time: fine on one Redis, not on Redis Cluster.)
 */
const COUNT = `
local total = 0
local fields = redis.call('HGETALL', KEYS[1])
for i = 1, #fields, 2 do
  if redis.call('EXISTS', ARGV[1] .. fields[i]) == 1 then
    total = total + tonumber(fields[i + 1])
  else
    redis.call('HDEL', KEYS[1], fields[i])
  end
end
return total`;

/** Adds ARGV[2] (1 or -1) to this process's share (ARGV[1]); a share at 0 is removed. */
const CHANGE = `
local now = redis.call('HINCRBY', KEYS[1], ARGV[1], ARGV[2])
if now <= 0 then redis.call('HDEL', KEYS[1], ARGV[1]) end
redis.call('PEXPIRE', KEYS[1], ARGV[3])
return now`;

/**
 * Open connections per address over every process on one Redis (`MAX_CONNECTIONS_PER_IP`
 * with `REDIS_URL`): per address a hash of each process's share, per process a heartbeat
 * key with a TTL. A share counts only while its process's heartbeat lives, so the
 * connections of a process that crashed stop counting within seconds, and the next
 * admission of that address deletes them.
 */
export class SharedConnectionCounts {
  readonly processId = randomUUID();
  private stopBeating: (() => void) | undefined;

  constructor(
    private readonly redis: Redis,
    private readonly prefix: string,
    private readonly logger: Logger,
    private readonly timing = {
      heartbeatMs: CONNECTION_COUNTS_HEARTBEAT_MS,
      ttlMs: CONNECTION_COUNTS_PROCESS_TTL_MS,
    },
  ) {}

  /** Says this process is alive now and every heartbeat from now on. */
  async start(): Promise<void> {
    this.stopBeating = await keepBeating(
      () => this.beat(),
      this.timing.heartbeatMs,
      (error: unknown) => {
        this.logger.warn({ err: error }, 'connection counts: heartbeat failed');
      },
    );
  }

  /**
   * The address's open connections on every live process; undefined (logged) when Redis
   * cannot answer, so the caller decides on this process's own count.
   */
  async count(address: string): Promise<number | undefined> {
    try {
      const total = await this.redis.eval(COUNT, 1, this.addressKey(address), this.aliveKey(''));
      return typeof total === 'number' ? total : undefined;
    } catch (error: unknown) {
      this.logger.warn({ err: error, address }, 'connection counts: Redis did not answer');
      return undefined;
    }
  }

  opened(address: string): void {
    this.change(address, 1);
  }

  closed(address: string): void {
    this.change(address, -1);
  }

  /** This process's shares stop counting at once (a graceful stop). */
  async close(): Promise<void> {
    this.stopBeating?.();
    await this.redis.del(this.aliveKey(this.processId));
  }

  private change(address: string, by: 1 | -1): void {
    this.redis
      .eval(CHANGE, 1, this.addressKey(address), this.processId, by, IDLE_ADDRESS_MS)
      .catch((error: unknown) => {
        this.logger.warn({ err: error, address }, 'connection counts: could not record a change');
      });
  }

  private async beat(): Promise<void> {
    await this.redis.set(this.aliveKey(this.processId), '1', 'PX', this.timing.ttlMs);
  }

  private addressKey(address: string): string {
    return `${this.prefix}address-connections:${address}`;
  }

  private aliveKey(processId: string): string {
    return `${this.prefix}address-connections-alive:${processId}`;
  }
}
