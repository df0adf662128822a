import type { MemberSync, UserInfo, VideoItem } from '@wt/protocol';
import type { EffectivePlayback } from '../../lib/playback-sync';

/** Pure choices of what the stage says: which overlay, which notice, which labels. */

export type StageOverlayKind = 'countdown' | 'tap' | 'ended';

/**
 * One full-stage overlay at a time: a countdown (which also carries the tap when one is
 * needed), else the tap to join, else the end card.
 */
export function chooseOverlay(input: {
  countdownVisible: boolean;
  needsTap: boolean;
  ended: boolean;
  playable: boolean;
}): StageOverlayKind | undefined {
  if (input.countdownVisible) return 'countdown';
  if (!input.playable) return undefined;
  if (input.needsTap) return 'tap';
  if (input.ended) return 'ended';
  return undefined;
}

/** Who the room is waiting for: people whose player is loading or needs a tap. */
export function waitingFor(
  members: readonly MemberSync[],
  users: readonly UserInfo[],
  selfId: string | undefined,
): string[] {
  return members
    .filter((member) => member.status === 'buffering' || member.status === 'needs_tap')
    .map((member) =>
      member.id === selfId ? 'you' : (users.find((u) => u.id === member.id)?.name ?? 'someone'),
    );
}

/** "Alice", "Alice and Bob", "Alice, Bob and 2 others". */
export function listNames(names: readonly string[]): string {
  const [first, second, third] = names;
  if (first === undefined) return '';
  if (second === undefined) return first;
  if (third === undefined) return `${first} and ${second}`;
  if (names.length === 3) return `${first}, ${second} and ${third}`;
  return `${first}, ${second} and ${names.length - 2} others`;
}

export interface StageNotice {
  text: string;
  busy: boolean;
}

/** The small line over the clip while something is awaited (never over a countdown). */
export function stageNotice(input: {
  playback: EffectivePlayback | undefined;
  countdownVisible: boolean;
  buffering: boolean;
  waiting: readonly string[];
}): StageNotice | undefined {
  const { playback } = input;
  if (!playback || input.countdownVisible) return undefined;
  if (playback.scheduled && playback.gate === 'held') {
    const names = listNames(input.waiting);
    return { text: names ? `Waiting for ${names}…` : 'Waiting for everyone to load…', busy: true };
  }
  if (playback.scheduled) return { text: 'Starting…', busy: true };
  if (input.buffering && playback.playing) return { text: 'Loading…', busy: true };
  return undefined;
}

/**
 * The countdown button says what it will do: the server restarts a playing or finished
 * clip from its start, and starts a paused one where it stands.
 */
export function countdownLabel(playback: EffectivePlayback | undefined): {
  label: string;
  title: string;
} {
  if (!playback || (!playback.playing && !playback.ended && playback.position < 0.05)) {
    return {
      label: 'Start party 3-2-1',
      title: 'Count down 3-2-1 on every screen, then start together',
    };
  }
  if (playback.playing || playback.ended) {
    return {
      label: 'Restart with 3-2-1',
      title: 'Count down 3-2-1 on every screen, then play this clip again from the start',
    };
  }
  return {
    label: 'Resume with 3-2-1',
    title: 'Count down 3-2-1 on every screen, then carry on from here together',
  };
}

/** What the end card says, and whether it offers the next clip or the whole queue again. */
export function endedCopy(
  queue: readonly VideoItem[],
  index: number,
  autoplay: boolean,
): { title: string; hint: string; next: number | undefined; fromTop: boolean } {
  const next = index + 1 < queue.length ? index + 1 : undefined;
  if (next !== undefined && !autoplay) {
    return { title: 'Clip over', hint: 'Autoplay is off.', next, fromTop: false };
  }
  return {
    title: 'End of the queue',
    hint: 'Add more links to keep the party going.',
    next: undefined,
    fromTop: queue.length > 1,
  };
}
