import { describe, expect, it } from 'vitest';
import { chatFilter } from '../../src/realtime/chat-filter.js';
import { emitRaw, joinAs } from '../support/client.js';
import { startTestServer } from '../support/server.js';

describe('the chat word filter (CHAT_FILTER_WORDS)', () => {
  it('masks listed words whole, whatever their case, and nothing inside other words', () => {
    const filter = chatFilter(['heck', ' darn ', '']);
    expect(filter('Heck! That checker is darn good, DARN.')).toBe(
      '****! That checker is **** good, ****.',
    );
    expect(chatFilter([])('heck')).toBe('heck');
  });

  it('is what the room stores and everyone sees', async () => {
    const server = await startTestServer({ CHAT_FILTER_WORDS: 'heck,darn' });
    const { socket } = await joinAs(server.url, 'clean', 'c1', 'Cleo');
    const sent = await emitRaw(socket, 'send_message', { roomId: 'clean', message: 'oh heck' });
    expect(sent).toMatchObject({ ok: true, message: { text: 'oh ****' } });
    socket.disconnect();
    await server.close();
  });
});
