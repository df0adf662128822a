import { emitRaw, type TestSocket } from './client.js';

/** A connection and how many chats a second it sends. */
export interface PacedSender {
  socket: TestSocket;
  perSecond: number;
}

/**
 * Each sender chats (`send_message` to a room it is not in: the answer is cheap, and any
 * answer counts) at its own rate for `durationMs`, paced by the clock, so a slow timer
 * does not lower the rate, and at most two at a time per sender, so catching up never
 * bursts past a budget of its own. Resolves with how many of each sender's events were
 * refused with `RATE_LIMITED`, once every answer is in.
 */
export async function sendPacedChats(
  senders: readonly PacedSender[],
  durationMs: number,
): Promise<Map<TestSocket, number>> {
  const refused = new Map<TestSocket, number>(senders.map(({ socket }) => [socket, 0]));
  const sent = new Map<TestSocket, number>();
  const answers: Promise<void>[] = [];
  const send = async (socket: TestSocket): Promise<void> => {
    const ack = await emitRaw(socket, 'send_message', { roomId: 'none', message: 'hi' });
    if (!ack.ok && ack.error.code === 'RATE_LIMITED') {
      refused.set(socket, (refused.get(socket) ?? 0) + 1);
    }
  };
  const started = Date.now();
  while (Date.now() - started < durationMs) {
    const elapsedMs = Date.now() - started;
    for (const { socket, perSecond } of senders) {
      const due = Math.floor((elapsedMs / 1000) * perSecond) - (sent.get(socket) ?? 0);
      for (let i = 0; i < Math.min(due, 2); i++) {
        sent.set(socket, (sent.get(socket) ?? 0) + 1);
        answers.push(send(socket));
      }
    }
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  await Promise.all(answers);
  return refused;
}
