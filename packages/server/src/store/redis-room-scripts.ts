import { z } from 'zod';

/**
 * The Lua scripts `RedisRoomStore` runs (each atomic in Redis) and the shapes of their
 * replies. Keys of every script: the room's text, its revision, the index of rooms by
 * activity, the stamp of its last write (`RedisRoomStore.keys`).
 */

/**
 * Writes the room only if it is still the one the writer folded its batch on: same
 * revision and same stamp (the token of the write that stored it, KEYS[4]; a room deleted
 * and made again restarts its revision, and its stamp is gone). Compare-and-set, so
 * concurrent writers from any number of processes never lose an update. WATCH/MULTI would
 * not do here: WATCH belongs to a connection, and one connection serves every request of
 * this process. Every write restarts the room's idle TTL (ARGV[4] ms, 0: none) and records
 * its activity in the index (a sorted set scored by the last write). One write may carry
 * several updates of a batch: the revision goes up by their count (ARGV[6]). ARGV[7] is
 * the new stamp, ARGV[8] the one expected. Answers 1 when written; otherwise the room as
 * it is (revision, stamp, text or nil), so the writer folds again without another read.
 */
export const WRITE_IF_UNCHANGED = `
local rev = redis.call('GET', KEYS[2]) or '0'
local stamp = redis.call('GET', KEYS[4]) or ''
if rev ~= ARGV[1] or stamp ~= ARGV[8] then return {rev, stamp, redis.call('GET', KEYS[1])} end
local ttl = tonumber(ARGV[4])
if ttl > 0 then
  redis.call('SET', KEYS[1], ARGV[2], 'PX', ttl)
  redis.call('INCRBY', KEYS[2], ARGV[6])
  redis.call('PEXPIRE', KEYS[2], ttl)
  redis.call('SET', KEYS[4], ARGV[7], 'PX', ttl)
else
  redis.call('SET', KEYS[1], ARGV[2])
  redis.call('INCRBY', KEYS[2], ARGV[6])
  redis.call('SET', KEYS[4], ARGV[7])
end
redis.call('ZADD', KEYS[3], ARGV[5], ARGV[3])
return 1`;

/**
 * Reads a room's revision and stamp (the token of the write that stored it, KEYS[4]), and
 * its stored text only if that is not the write the reader knows (ARGV[1] revision,
 * ARGV[2] stamp): a busy room is mostly read back by the process that wrote it last, and
 * its text (the chat, the members) need not cross again. Both must match: a server of an
 * older version writes no stamp (the revision moves), and a room deleted and made again
 * restarts its revision (its stamp is gone).
 */
export const READ_IF_CHANGED = `
local rev = redis.call('GET', KEYS[2]) or '0'
local stamp = redis.call('GET', KEYS[4]) or ''
if stamp ~= '' and rev == ARGV[1] and stamp == ARGV[2] then return {rev, stamp} end
return {rev, stamp, redis.call('GET', KEYS[1])}`;

export const DELETE_IF_UNCHANGED = `
local rev = redis.call('GET', KEYS[2]) or '0'
if rev ~= ARGV[1] then return 0 end
redis.call('DEL', KEYS[1], KEYS[2], KEYS[4])
redis.call('ZREM', KEYS[3], ARGV[2])
return 1`;

/** `WRITE_IF_UNCHANGED`'s reply: 1, or the room as it is (text null: none). */
export const writeReply = z.union([
  z.literal(1),
  z.tuple([z.string(), z.string(), z.string().nullable()]),
]);

/** `READ_IF_CHANGED`'s reply: revision, stamp, and the text when it was sent (null: none). */
export const readReply = z.union([
  z.tuple([z.string(), z.string()]),
  z.tuple([z.string(), z.string(), z.string().nullable()]),
]);

/** Restarts the idle TTL of a room that still exists (members are in it). */
export const TOUCH = `
if redis.call('EXISTS', KEYS[1]) == 0 then return 0 end
redis.call('PEXPIRE', KEYS[1], ARGV[1])
redis.call('PEXPIRE', KEYS[2], ARGV[1])
redis.call('PEXPIRE', KEYS[4], ARGV[1])
redis.call('ZADD', KEYS[3], ARGV[2], ARGV[3])
return 1`;
