import type { ChatMessage } from '@wt/protocol';
import { describe, expect, it } from 'vitest';
import { badgeText, countUnread } from './unread';

const message = (id: number, userId: string | undefined, isSystem = false): ChatMessage => ({
  id,
  user: userId ?? 'system',
  ...(userId === undefined ? {} : { userId }),
  text: `message ${id}`,
  timestamp: new Date(0).toISOString(),
  ...(isSystem ? { isSystem } : {}),
});

describe('countUnread', () => {
  const messages = [
    message(1, 'ana'),
    message(2, undefined, true),
    message(3, 'bo'),
    message(4, 'me'),
    message(5, 'ana'),
  ];

  it('counts other people’s messages after the last one seen', () => {
    expect(countUnread(messages, 1, 'me')).toBe(2);
    expect(countUnread(messages, 3, 'me')).toBe(1);
    expect(countUnread(messages, 5, 'me')).toBe(0);
  });

  it('counts nothing before the history has been seen once', () => {
    expect(countUnread(messages, undefined, 'me')).toBe(0);
  });
});

describe('badgeText', () => {
  it('caps the number', () => {
    expect(badgeText(3)).toBe('3');
    expect(badgeText(12)).toBe('9+');
  });
});
