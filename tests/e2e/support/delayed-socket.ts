import type { PlayerStatePayload } from '@wt/protocol';
import type { Page, WebSocketRoute } from 'playwright-core';
import { playerStatesOf } from './player-states.js';

/** A Socket.io event packet (`42["name", payload, ...]`), or undefined. */
function eventOf(message: string | Buffer): { name: unknown; data: unknown } | undefined {
  if (typeof message !== 'string' || !message.startsWith('42')) return undefined;
  let packet: unknown;
  try {
    packet = JSON.parse(message.slice(2));
  } catch {
    return undefined; // Not an event packet after all.
  }
  return Array.isArray(packet) ? { name: packet[0], data: packet[1] } : undefined;
}

/** A Socket.io acknowledgement packet (`43<id>[payload]`): its payload, or undefined. */
function ackOf(message: string | Buffer): unknown {
  if (typeof message !== 'string') return undefined;
  const match = /^43\d+(\[.*)$/s.exec(message);
  if (!match?.[1]) return undefined;
  let packet: unknown;
  try {
    packet = JSON.parse(match[1]);
  } catch {
    return undefined; // Not an acknowledgement after all.
  }
  return Array.isArray(packet) ? packet[0] : undefined;
}

/** The acknowledgement of a successful `join_room` (it alone carries the room and us). */
function isJoinAck(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  return (
    Reflect.get(value, 'ok') === true &&
    typeof Reflect.get(value, 'room') === 'object' &&
    typeof Reflect.get(value, 'user') === 'object'
  );
}

/** Closes a routed socket; one the page has already let go of (page closed) is fine. */
function close(ws: WebSocketRoute): void {
  ws.close({ code: 4000, reason: 'link down' }).catch((error: unknown) => {
    // Only a page or context that is already gone makes closing fail; nothing to close then.
    if (!(error instanceof Error && /closed/i.test(error.message))) throw error;
  });
}

export interface DelayedSocket {
  /** When the page opened its first WebSocket (wall clock), once it has. */
  openedAt: number | undefined;
  /** When the first successful `join_room` acknowledgement reached the page (wall clock). */
  joinedAt: number | undefined;
  /** Every `player_state` the page was sent, with the wall-clock time it reached the page. */
  states: { state: PlayerStatePayload; at: number }[];
  /** Cuts the page's connection and refuses new ones until `restore()`. */
  drop(): void;
  restore(): void;
}

/**
 * Puts the page's WebSocket behind a link of `oneWayMs` each way (a round trip of twice
 * that), in order, and lets the test cut it. Frames are forwarded by the test runner,
 * so the app runs unchanged.
 */
export async function delaySocket(page: Page, oneWayMs: number): Promise<DelayedSocket> {
  /** Each open page-side socket, with its server side. */
  const open = new Map<WebSocketRoute, WebSocketRoute>();
  /** Resolved while the link is up; a new connection made meanwhile waits on it. */
  let online: Promise<void> = Promise.resolve();
  let goOnline: (() => void) | undefined;
  const link: DelayedSocket = {
    openedAt: undefined,
    joinedAt: undefined,
    states: [],
    drop() {
      online = new Promise((resolve) => {
        goOnline = resolve;
      });
      // Both ends see the link go down, as when a phone loses its network and the
      // server notices.
      for (const [ws, server] of open) {
        close(ws);
        close(server);
      }
      open.clear();
    },
    restore() {
      goOnline?.();
      goOnline = undefined;
    },
  };
  // Each frame goes out `oneWayMs` after it was sent, or that long after the link is back.
  const later = (send: () => void) => {
    void online.then(() => setTimeout(send, oneWayMs));
  };
  await page.routeWebSocket(/\/socket\.io\//, (ws) => {
    link.openedAt ??= Date.now();
    const server = ws.connectToServer();
    open.set(ws, server);
    ws.onMessage((message) => {
      later(() => {
        if (open.has(ws)) server.send(message);
      });
    });
    server.onMessage((message) => {
      later(() => {
        if (!open.has(ws)) return;
        ws.send(message);
        const event = eventOf(message);
        const at = Date.now();
        for (const state of playerStatesOf(event?.name, event?.data))
          link.states.push({ state, at });
        if (link.joinedAt === undefined && isJoinAck(ackOf(message))) link.joinedAt = Date.now();
      });
    });
    ws.onClose(() => {
      open.delete(ws);
      close(server);
    });
    server.onClose(() => {
      open.delete(ws);
      close(ws);
    });
  });
  return link;
}
