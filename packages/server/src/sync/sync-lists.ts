import { SyncStatus, type MemberSync } from '@wt/protocol';

/** Worst first: one person's state is the worst of their connections. */
const severity: Record<SyncStatus, number> = {
  [SyncStatus.inSync]: 0,
  [SyncStatus.catchingUp]: 1,
  [SyncStatus.needsTap]: 2,
  [SyncStatus.buffering]: 3,
};

/**
 * One person seen through two of their connections (or two processes' lists): the worse
 * status and the slower round trip.
 */
export function combined(known: MemberSync, other: MemberSync): MemberSync {
  const status = severity[known.status] >= severity[other.status] ? known.status : other.status;
  const rttMs = Math.max(known.rttMs ?? 0, other.rttMs ?? 0);
  return rttMs > 0 ? { id: known.id, status, rttMs } : { id: known.id, status };
}

/**
 * The lists of several processes as one: each person once, in the order they first
 * appear (the first list's people first), combined where they are in more than one.
 */
export function mergeSyncLists(lists: Iterable<readonly MemberSync[]>): MemberSync[] {
  const people = new Map<string, MemberSync>();
  for (const list of lists) {
    for (const entry of list) {
      const known = people.get(entry.id);
      people.set(entry.id, known ? combined(known, entry) : entry);
    }
  }
  return [...people.values()];
}
