import { ErrorCode, Limits } from '@wt/protocol';
import { describe, expect, it } from 'vitest';
import { apply, type RoomState } from '../src/index.js';
import { must, refusal, room, step, T0 } from './builders.js';

const LATER = T0 + 1_234;

function send(state: RoomState, text: string, userId = 'u1', now = LATER) {
  return apply(state, { type: 'sendMessage', userId, text }, now);
}

function textOf(state: RoomState, text: string): string | undefined {
  return must(send(state, text)).state.messages.at(-1)?.text;
}

describe('sendMessage', () => {
  it('stores the message under the member name and broadcasts it', () => {
    const state = room({ members: ['Alice', 'Bob'] });
    const result = must(send(state, 'hello there', 'u2'));
    const message = {
      id: 3,
      user: 'Bob',
      userId: 'u2',
      text: 'hello there',
      timestamp: new Date(LATER).toISOString(),
    };

    expect(result.state.messages).toEqual([...state.messages, message]);
    expect(result.state.messages.at(-1)).not.toHaveProperty('isSystem');
    expect(result.state.nextMessageId).toBe(4);
    expect(result.state.lastActivity).toBe(LATER);
    expect(result.effects).toEqual([{ type: 'new_message', message }]);
    expect(result.reply).toEqual({ type: 'message', message });
  });

  it('NOT_IN_ROOM for someone who has not joined', () => {
    expect(refusal(send(room(), 'hi', 'stranger')).code).toBe(ErrorCode.NOT_IN_ROOM);
  });

  it('trims surrounding whitespace', () => {
    expect(textOf(room(), '   hello  \t ')).toBe('hello');
    expect(textOf(room(), '\n\nhello\n')).toBe('hello');
  });

  it('keeps inner newlines and tabs', () => {
    expect(textOf(room(), 'line one\nline two')).toBe('line one\nline two');
    expect(textOf(room(), 'a\tb')).toBe('a\tb');
  });

  it('strips control characters other than newline and tab', () => {
    expect(textOf(room(), 'a\u0000b\u0007c\u001bd\u007fe\u0085f\u009fg')).toBe('abcdefg');
    expect(textOf(room(), 'one\r\ntwo')).toBe('one\ntwo');
    expect(textOf(room(), '\u0000  padded \u0008')).toBe('padded');
  });

  it('keeps ordinary unicode text as it is', () => {
    expect(textOf(room(), 'héllo 👋 世界')).toBe('héllo 👋 世界');
  });

  it.each([
    ['an empty string', ''],
    ['only spaces', '     '],
    ['only whitespace with newlines and tabs', ' \n\t \r\n '],
    ['only control characters', '\u0000\u0001\u001f\u007f'],
  ])('MESSAGE_EMPTY for %s', (_label, text) => {
    expect(refusal(send(room(), text)).code).toBe(ErrorCode.MESSAGE_EMPTY);
  });

  it(`accepts exactly Limits.messageMaxLength (${Limits.messageMaxLength}) characters`, () => {
    const text = 'x'.repeat(Limits.messageMaxLength);
    expect(textOf(room(), text)).toBe(text);
  });

  it('refuses one character more with MESSAGE_TOO_LONG', () => {
    const error = refusal(send(room(), 'x'.repeat(Limits.messageMaxLength + 1)));
    expect(error.code).toBe(ErrorCode.MESSAGE_TOO_LONG);
    expect(error.message).toContain(String(Limits.messageMaxLength));
  });

  it('measures the length after trimming and stripping', () => {
    const text = 'x'.repeat(Limits.messageMaxLength);
    expect(textOf(room(), `   ${text}\n\n`)).toBe(text);
    expect(textOf(room(), `${text}\u0000\u0007`)).toBe(text);
    expect(textOf(room(), `${'x'.repeat(250)}\u0000${'x'.repeat(250)}`)).toBe(text);
  });

  it('gives every message, chat or system, the next increasing id', () => {
    let state = room({ members: ['Alice'] });
    state = step(state, { type: 'sendMessage', userId: 'u1', text: 'one' });
    state = step(state, { type: 'join', userId: 'u2', name: 'Bob' });
    state = step(state, { type: 'sendMessage', userId: 'u2', text: 'two' });

    expect(state.messages.map((m) => [m.id, m.user, m.text])).toEqual([
      [1, 'system', 'Alice joined'],
      [2, 'Alice', 'one'],
      [3, 'system', 'Bob joined'],
      [4, 'Bob', 'two'],
    ]);
    expect(state.nextMessageId).toBe(5);
  });

  it(`keeps only the newest Limits.chatHistory (${Limits.chatHistory}) messages`, () => {
    let state = room({ members: ['Alice'] });
    const extra = 5;
    for (let i = 1; i <= Limits.chatHistory + extra; i++) {
      state = step(state, { type: 'sendMessage', userId: 'u1', text: `m${i}` });
    }
    // 1 join line + chatHistory + extra chat lines were written; the oldest fell off.
    expect(state.messages).toHaveLength(Limits.chatHistory);
    expect(state.messages[0]?.text).toBe(`m${extra + 1}`);
    expect(state.messages.at(-1)?.text).toBe(`m${Limits.chatHistory + extra}`);
    expect(state.messages.some((m) => m.text === 'Alice joined')).toBe(false);
    expect(state.messages[0]?.id).toBe(extra + 2);
    expect(state.nextMessageId).toBe(Limits.chatHistory + extra + 2);

    const ids = state.messages.map((m) => m.id);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
  });

  it('caps the history when a system line is added to a full history', () => {
    let state = room({ members: ['Alice'] });
    for (let i = 1; i < Limits.chatHistory; i++) {
      state = step(state, { type: 'sendMessage', userId: 'u1', text: `m${i}` });
    }
    expect(state.messages).toHaveLength(Limits.chatHistory);

    const joined = step(state, { type: 'join', userId: 'u2', name: 'Bob' });
    expect(joined.messages).toHaveLength(Limits.chatHistory);
    expect(joined.messages[0]?.text).toBe('m1');
    expect(joined.messages.at(-1)).toMatchObject({ text: 'Bob joined', isSystem: true });
  });
});

describe('disguised text', () => {
  it('drops bidirectional overrides but keeps emoji joiners', () => {
    const state = room();
    const result = must(
      apply(
        state,
        { type: 'sendMessage', userId: 'u1', text: 'hi \u202Eevil\u202C 👩\u200D💻' },
        T0,
      ),
    );
    expect(result.reply.type === 'message' && result.reply.message.text).toBe('hi evil 👩\u200D💻');
  });
});
