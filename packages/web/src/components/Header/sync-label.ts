import type { MemberSync, SyncStatus } from '@wt/protocol';

const WORDS: Record<SyncStatus, string> = {
  in_sync: 'in sync',
  catching_up: 'catching up',
  buffering: 'loading',
  needs_tap: 'needs a tap to play',
};

/** How a person's player is doing, in words: "in sync · 42 ms". */
export function syncLabel(member: MemberSync): string {
  const words = WORDS[member.status];
  return member.rttMs === undefined ? words : `${words} · ${Math.round(member.rttMs)} ms`;
}
