/**
 * The baseline of the load benchmark: a plain Socket.io relay, as small as a chat-and-play
 * server gets. Rooms, `join`, chat relayed to the room, play/pause/seek relayed, the clock
 * ping answered; no validation beyond reading the room id, no state. Listens on PORT.
 */
import { createServer } from 'node:http';
import { Server } from 'socket.io';
import { z } from 'zod';

const roomPayload = z.object({ roomId: z.string().min(1).max(64) });
const chatPayload = roomPayload.extend({ message: z.string().max(16 * 1024) });
const timePayload = roomPayload.extend({ time: z.number() });
const pingPayload = z.object({ clientTime: z.number() });
type Reply = (response: object) => void;
/** Socket.io hands a function when the client asked for an acknowledgement. */
type Handler = (payload: unknown, ack?: Reply) => void;
interface RelayEvents {
  join: Handler;
  send_message: Handler;
  player_play: Handler;
  player_pause: Handler;
  player_seek: Handler;
  add_video: Handler;
  time_sync: Handler;
  sync_report: Handler;
}
interface RelayBroadcasts {
  room_users_count: (count: number) => void;
  new_message: (message: object) => void;
  player_state: (state: object) => void;
  player_seek: (time: number) => void;
  update_queue: (queue: object[]) => void;
}
const refuse = { ok: false, error: { code: 'INVALID_PAYLOAD', message: 'bad payload' } };

const http = createServer((req, res) => {
  res.writeHead(req.url === '/health' ? 200 : 404, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ status: 'healthy' }));
});
const io = new Server<RelayEvents, RelayBroadcasts>(http, { maxHttpBufferSize: 16 * 1024 });
let messageId = 0;

io.on('connection', (socket) => {
  let room: string | undefined;
  socket.on('join', async (payload: unknown, ack?: Reply) => {
    const parsed = roomPayload.safeParse(payload);
    if (!parsed.success) {
      ack?.(refuse);
      return;
    }
    room = parsed.data.roomId;
    await socket.join(room);
    io.to(room).emit('room_users_count', io.sockets.adapter.rooms.get(room)?.size ?? 0);
    ack?.({ ok: true });
  });
  socket.on('send_message', (payload: unknown, ack?: Reply) => {
    const parsed = chatPayload.safeParse(payload);
    if (!parsed.success || parsed.data.roomId !== room) {
      ack?.(refuse);
      return;
    }
    const message = {
      id: ++messageId,
      user: socket.id,
      text: parsed.data.message,
      timestamp: new Date().toISOString(),
    };
    io.to(room).emit('new_message', message);
    ack?.({ ok: true, message });
  });
  for (const event of ['player_play', 'player_pause', 'player_seek'] as const) {
    socket.on(event, (payload: unknown, ack?: Reply) => {
      const parsed = timePayload.safeParse(payload);
      if (!parsed.success || parsed.data.roomId !== room) {
        ack?.(refuse);
        return;
      }
      const state = { playing: event !== 'player_pause', time: parsed.data.time };
      if (event === 'player_seek') socket.to(room).emit('player_seek', parsed.data.time);
      io.to(room).emit('player_state', state);
      ack?.({ ok: true, state });
    });
  }
  socket.on('add_video', (payload: unknown, ack?: Reply) => {
    const parsed = roomPayload.safeParse(payload);
    if (!parsed.success || parsed.data.roomId !== room) {
      ack?.(refuse);
      return;
    }
    io.to(room).emit('update_queue', []);
    ack?.({ ok: true });
  });
  socket.on('time_sync', (payload: unknown, ack?: Reply) => {
    const parsed = pingPayload.safeParse(payload);
    if (!parsed.success) {
      ack?.(refuse);
      return;
    }
    ack?.({ ok: true, clientTime: parsed.data.clientTime, serverTime: Date.now() });
  });
  socket.on('sync_report', (_payload: unknown, ack?: Reply) => {
    ack?.({ ok: true });
  });
});

http.listen(Number(process.env.PORT ?? '0'), '127.0.0.1');
process.on('SIGTERM', () => {
  void io.close(() => process.exit(0));
});
