import { ErrorCode, Limits } from '@wt/protocol';
import { findMember } from './members.js';
import { fail, ok } from './result.js';
import type { ApplyResult, RoomState } from './types.js';

/**
 * Control characters other than newline and tab are dropped from chat text, and so are
 * bidirectional overrides (which can disguise what a message says). Zero-width joiners stay:
 * emoji sequences need them.
 */
function cleanText(text: string): string {
  return (
    text
      .replace(/[^\P{Cc}\n\t]/gu, '')
      // Bidirectional overrides, isolates and marks: they could turn the text around.
      .replace(/[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g, '')
      // At most one blank line in a row: a message cannot push itself into a fake block.
      .replace(/\n\s*\n(?:\s*\n)+/g, '\n\n')
      .trim()
  );
}

export function sendMessage(
  state: RoomState,
  userId: string,
  text: string,
  now: number,
): ApplyResult {
  const member = findMember(state, userId);
  if (!member) return fail(ErrorCode.NOT_IN_ROOM, 'Join the room first.');
  const clean = cleanText(text);
  if (clean.length === 0) return fail(ErrorCode.MESSAGE_EMPTY, 'The message is empty.');
  if (clean.length > Limits.messageMaxLength) {
    return fail(
      ErrorCode.MESSAGE_TOO_LONG,
      `Messages can be at most ${Limits.messageMaxLength} characters.`,
    );
  }
  const message = {
    id: state.nextMessageId,
    user: member.name,
    userId: member.id,
    text: clean,
    timestamp: new Date(now).toISOString(),
  };
  const next: RoomState = {
    ...state,
    lastActivity: now,
    nextMessageId: state.nextMessageId + 1,
    messages: [...state.messages, message].slice(-Limits.chatHistory),
  };
  return ok(next, [{ type: 'new_message', message }], { type: 'message', message });
}
