import {
  type AckResponse,
  type ClientToServerEvents,
  type ServerToClientEvents,
  type SessionPayload,
} from '@wt/protocol';
import { io, type Socket } from 'socket.io-client';

export type TestSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** The `session` each test connection was given, by socket. */
const sessions = new WeakMap<TestSocket, Promise<SessionPayload>>();

/** Listens for the `session` the server sends right after connecting. */
export function watchSession(socket: TestSocket): Promise<SessionPayload> {
  const session = new Promise<SessionPayload>((resolve) => {
    socket.once('session', resolve);
  });
  sessions.set(socket, session);
  return session;
}

/** The `session` this connection (made by `connect`) was given. */
export function sessionOf(socket: TestSocket): Promise<SessionPayload> {
  const session = sessions.get(socket);
  if (!session) throw new Error('this socket was not made by connect()');
  return session;
}

/**
 * A real socket.io-client connection; resolves once connected. `auth.token` signs in as
 * the person that token was issued to.
 */
export async function connect(
  url: string,
  auth: { token?: string } = {},
  options: { localAddress?: string; origin?: string } = {},
): Promise<TestSocket> {
  const socket: TestSocket = io(url, {
    transports: ['websocket'],
    reconnection: false,
    forceNew: true,
    auth,
    // The source address (any of 127.0.0.0/8 is this machine) stands for a person elsewhere.
    ...(options.localAddress !== undefined || options.origin !== undefined
      ? {
          transportOptions: {
            websocket: {
              ...(options.localAddress !== undefined && { localAddress: options.localAddress }),
              ...(options.origin !== undefined && { extraHeaders: { origin: options.origin } }),
            },
          },
        }
      : {}),
  });
  void watchSession(socket);
  await new Promise<void>((resolve, reject) => {
    socket.once('connect', () => {
      resolve();
    });
    socket.once('connect_error', reject);
  });
  return socket;
}

/** Emits any event with any payload (including malformed ones) and waits for the ack. */
export function emitRaw(
  socket: Socket,
  event: string,
  ...args: unknown[]
): Promise<AckResponse<Record<string, unknown>>> {
  return socket.emitWithAck(event, ...args);
}

/** The next `event` the socket receives. */
export function next<E extends keyof ServerToClientEvents>(
  socket: TestSocket,
  event: E,
  timeoutMs = 5000,
): Promise<Parameters<ServerToClientEvents[E]>[0]> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      reject(new Error(`timed out waiting for ${event}`));
    }, timeoutMs);
    const listener = (payload: Parameters<ServerToClientEvents[E]>[0]): void => {
      clearTimeout(timer);
      resolve(payload);
    };
    // socket.io-client's typed `once` cannot take a generic listener; go through the untyped emitter.
    const emitter: Socket = socket;
    const name: string = event;
    emitter.once(name, listener);
  });
}

/** Collects every `event` the socket receives from now on. */
export function collect<E extends keyof ServerToClientEvents>(
  socket: TestSocket,
  event: E,
): Parameters<ServerToClientEvents[E]>[0][] {
  const seen: Parameters<ServerToClientEvents[E]>[0][] = [];
  const emitter: Socket = socket;
  const name: string = event;
  emitter.on(name, (payload: Parameters<ServerToClientEvents[E]>[0]) => {
    seen.push(payload);
  });
  return seen;
}

/**
 * The protocol of the clients most tests speak: scheduled starts and readiness (2), with
 * the whole-list events every protocol below 3 gets. Tests of `room_delta` join with 3.
 */
export const WHOLE_LIST_PROTOCOL = 2;

/** Joins as a client of `protocolVersion` (null: a seed client that announces nothing). */
export async function joinAs(
  url: string,
  roomId: string,
  userId: string,
  name: string,
  protocolVersion: number | null = WHOLE_LIST_PROTOCOL,
  auth: { token?: string } = {},
) {
  const socket = await connect(url, auth);
  const ack = await socket.emitWithAck('join_room', {
    roomId,
    userId,
    name,
    ...(protocolVersion === null ? {} : { protocolVersion }),
  });
  if (!ack.ok) throw new Error(`join failed: ${ack.error.message}`);
  return { socket, ack };
}

/** Like `eventually`, for a condition that has to be read asynchronously. */
export async function eventuallyAsync(
  predicate: () => Promise<boolean>,
  timeoutMs = 5000,
): Promise<void> {
  const start = Date.now();
  while (!(await predicate())) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

/** Resolves when `predicate` holds, polling briefly; for effects that arrive asynchronously. */
export async function eventually(predicate: () => boolean, timeoutMs = 5000): Promise<void> {
  const start = Date.now();
  while (!predicate()) {
    if (Date.now() - start > timeoutMs) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}
