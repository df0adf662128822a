import type { Activity, ActivityKind, VideoItem } from '@wt/protocol';
import { findMember, systemLine } from './members.js';
import { apply } from './apply.js';
import type { ApplyResult, Command, RoomState } from './types.js';

/**
 * Activity lines: who played, paused, seeked, skipped, switched, added or removed. Written
 * by the core as system lines carrying `activity`, so no chat message can pass for one.
 * Bursts are coalesced from the history alone (pure): a repeat of a seek or an add by the
 * same person right after their own line says nothing new, and one person's lines are
 * capped per window, so someone hammering a button never floods the chat.
 */
export const ActivityRules = {
  /** A seek or add right after the same person's own line of that kind is folded into it. */
  foldMs: 5_000,
  /** At most this many lines per person within `burstMs`. */
  burstLines: 4,
  burstMs: 10_000,
  titleMaxLength: 60,
} as const;

const FOLDED: ReadonlySet<ActivityKind> = new Set(['seek', 'add', 'reorder']);

/** `m:ss` (or `h:mm:ss`) of a clip position. */
function clipTime(seconds: number): string {
  const total = Math.max(0, Math.floor(seconds));
  const h = Math.floor(total / 3600);
  const m = Math.floor((total % 3600) / 60);
  const s = String(total % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${s}` : `${m}:${s}`;
}

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** At most `max` characters as people count them (an emoji with its modifiers is one). */
function shorten(text: string, max: number): string {
  const parts = Array.from(graphemes.segment(text), (part) => part.segment);
  return parts.length > max ? `${parts.slice(0, max - 1).join('')}…` : text;
}

function clipName(item: VideoItem | undefined, index: number): string {
  const title = item?.title?.trim();
  if (title === undefined || title === '') return `clip ${index + 1}`;
  return `“${shorten(title, ActivityRules.titleMaxLength)}”`;
}

interface Line {
  kind: ActivityKind;
  text: string;
}

/** What a command that succeeded did, as a line, or nothing worth a line. */
function lineOf(before: RoomState, after: RoomState, command: Command): Line | undefined {
  switch (command.type) {
    case 'play':
      return before.playback.playing ? undefined : { kind: 'play', text: 'pressed play' };
    case 'pause':
      return before.playback.playing
        ? { kind: 'pause', text: `paused at ${clipTime(after.playback.position)}` }
        : undefined;
    case 'seek':
      return { kind: 'seek', text: `jumped to ${clipTime(after.playback.position)}` };
    case 'changeVideo': {
      const index = after.currentVideoIndex;
      const name = clipName(after.queue[index], index);
      return index === before.currentVideoIndex + 1
        ? { kind: 'skip', text: `skipped to ${name}` }
        : { kind: 'change', text: `switched to ${name}` };
    }
    case 'addVideo':
      return { kind: 'add', text: 'added a clip to the queue' };
    case 'removeVideo':
      return {
        kind: 'remove',
        text: `removed ${clipName(before.queue[command.index], command.index)}`,
      };
    case 'moveVideo':
    case 'playNext': {
      const index = after.queue.findIndex((item) => item.id === command.itemId);
      const name = clipName(after.queue[index], index);
      return command.type === 'playNext'
        ? { kind: 'reorder', text: `queued ${name} to play next` }
        : { kind: 'reorder', text: `moved ${name} to #${String(index + 1)}` };
    }
    default:
      return undefined;
  }
}

/** The line would repeat the person's last one, or they already said enough just now. */
function coalesced(state: RoomState, userId: string, kind: ActivityKind, now: number): boolean {
  const last = state.messages.at(-1);
  if (
    FOLDED.has(kind) &&
    last?.activity?.userId === userId &&
    last.activity.kind === kind &&
    now - Date.parse(last.timestamp) < ActivityRules.foldMs
  ) {
    return true;
  }
  let recent = 0;
  for (let i = state.messages.length - 1; i >= 0; i--) {
    const message = state.messages[i];
    if (!message || now - Date.parse(message.timestamp) >= ActivityRules.burstMs) break;
    if (message.activity?.userId === userId) recent++;
  }
  return recent >= ActivityRules.burstLines;
}

/** Adds the activity line of `command` (if any) to a successful result. */
export function withActivity(
  before: RoomState,
  command: Command,
  result: ApplyResult,
  now: number,
): ApplyResult {
  if (!result.ok || !('userId' in command)) return result;
  const line = lineOf(before, result.state, command);
  if (!line) return result;
  const member = findMember(result.state, command.userId) ?? findMember(before, command.userId);
  if (!member || coalesced(result.state, member.id, line.kind, now)) return result;
  const activity: Activity = { kind: line.kind, userId: member.id };
  const [state, effect] = systemLine(result.state, `${member.name} ${line.text}`, now, activity);
  return { ...result, state, effects: [...result.effects, effect] };
}

/**
 * `apply`, and what the command did said in the chat: the entry point of the edge. The
 * rules themselves (`apply`) stay free of chat lines, so each is tested on its own.
 */
export function applyWithActivity(state: RoomState, command: Command, now: number): ApplyResult {
  return withActivity(state, command, apply(state, command, now), now);
}
