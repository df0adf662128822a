/**
 * A generator process (forked by `workers.ts`): opens its share of the clients from one
 * source address, joins them to their rooms, and on command runs the rooms' traffic and
 * reports what it counted. Rooms are whole within a worker, so a chat's sender and its
 * receivers share one clock.
 */
import { SimClient } from './client.js';
import { fromWorker, toWorker, type FromWorker, type ToWorker } from './ipc.js';
import { Tally } from './tally.js';

type Setup = Extract<ToWorker, { type: 'setup' }>;

const CHAT_EVERY_MS = 2000;
const CONTROL_EVERY_MS = 8000;
const CONTROLS = ['player_play', 'player_seek', 'player_pause'] as const;

interface Room {
  clients: SimClient[];
  state: { connected: number };
}

const tally = new Tally();
const rooms: Room[] = [];
const timers: NodeJS.Timeout[] = [];

/**
 * The source address of the worker's `index`-th client: every client its own address in
 * 127.<block>.0.0/16 (loopback is all of 127.0.0.0/8), so per-address limits see different
 * people and no address runs out of ports.
 */
function sourceAddress(block: number, index: number): string {
  return `127.${block}.${1 + Math.floor(index / 250)}.${1 + (index % 250)}`;
}

function post(message: FromWorker): void {
  if (!process.send) throw new Error('worker.ts runs as a forked child only');
  process.send(fromWorker.parse(message));
}

async function joinAll(setup: Setup): Promise<void> {
  const pending: Array<() => Promise<void>> = [];
  setup.rooms.forEach((spec) => {
    const room: Room = { clients: [], state: { connected: 0 } };
    rooms.push(room);
    for (let member = 0; member < spec.size; member++) {
      const client = new SimClient({
        flavor: setup.flavor,
        url: setup.urls[member % setup.urls.length] ?? setup.urls[0] ?? '',
        localAddress: sourceAddress(setup.addressBlock, pending.length),
        roomId: spec.id,
        userId: `${setup.idPrefix}-${spec.id}-${member}`,
        tally,
        room: room.state,
      });
      room.clients.push(client);
      pending.push(() => client.join());
    }
  });
  let failed = 0;
  let firstError: string | undefined;
  let next = 0;
  const lane = async (): Promise<void> => {
    while (next < pending.length) {
      const join = pending[next++];
      if (!join) break;
      try {
        await join();
      } catch (error: unknown) {
        failed++;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: setup.joinConcurrency }, lane));
  if (setup.flavor === 'app' && setup.videoUrl !== undefined && setup.traffic) {
    for (const room of rooms) room.clients[0]?.addVideo(setup.videoUrl);
  }
  post({ type: 'joined', joined: tally.joined, failed, ...(firstError ? { firstError } : {}) });
}

function startTraffic(): void {
  for (const room of rooms) {
    for (const client of room.clients) client.startTraffic();
    let chats = 0;
    let controls = 0;
    const size = room.clients.length;
    const chat = (): void => {
      room.clients[chats++ % size]?.chat();
    };
    const control = (): void => {
      const action = CONTROLS[controls % CONTROLS.length] ?? 'player_play';
      room.clients[(controls++ * 3) % size]?.control(action);
    };
    timers.push(
      setTimeout(() => {
        chat();
        timers.push(setInterval(chat, CHAT_EVERY_MS));
      }, Math.random() * CHAT_EVERY_MS),
      setTimeout(() => {
        control();
        timers.push(setInterval(control, CONTROL_EVERY_MS));
      }, Math.random() * CONTROL_EVERY_MS),
    );
  }
}

function stop(): void {
  for (const timer of timers) clearTimeout(timer);
  for (const room of rooms) for (const client of room.clients) client.close();
  setTimeout(() => process.exit(0), 200);
}

process.on('message', (raw: unknown) => {
  const message = toWorker.parse(raw);
  switch (message.type) {
    case 'setup':
      joinAll(message).catch((error: unknown) => {
        post({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
      });
      break;
    case 'traffic':
      tally.window(message.measureFrom, message.measureUntil);
      startTraffic();
      break;
    case 'report':
      post({ type: 'report', stats: tally.stats() });
      break;
    case 'stop':
      stop();
      break;
    default: {
      const unreachable: never = message;
      throw new Error(`unknown message ${JSON.stringify(unreachable)}`);
    }
  }
});
process.on('disconnect', () => process.exit(0));
