import { handshakeAuthSchema } from '@wt/protocol';
import type { Logger } from '../ops/logger.js';
import type { Session, SessionTokens } from '../session/session-tokens.js';
import type { IdentityMemory } from './identity-memory.js';
import type { WatchSocket } from './types.js';

type Next = (error?: Error) => void;

/**
 * Socket.io middleware: decides who a new connection is, before `connection`. A valid
 * `auth.token` is that person (renewed once half its lifetime has passed); without one,
 * a plain client that reconnects with a Socket.io session id we remember keeps that
 * identity; anyone else (no token, a forged or expired one) is a new person. Nobody is
 * refused for their token. The result is `socket.data.session`; `announceSession` tells
 * the client.
 */
export function sessionMiddleware(deps: {
  tokens: SessionTokens;
  identities: IdentityMemory;
  logger: Logger;
}): (socket: WatchSocket, next: Next) => void {
  return (socket, next) => {
    identify(socket, deps).then(
      (session) => {
        socket.data.session = {
          userId: session.userId,
          privateId: session.privateId,
          token: session.token,
          expiresAt: session.expiresAt,
        };
        next();
      },
      (error: unknown) => {
        deps.logger.error({ err: error, socket: socket.id }, 'issuing a session failed');
        next(new Error('No session could be issued. Try again.'));
      },
    );
  };
}

async function identify(
  socket: WatchSocket,
  deps: { tokens: SessionTokens; identities: IdentityMemory },
): Promise<Session> {
  const auth = handshakeAuthSchema.safeParse(socket.handshake.auth);
  const token = auth.success ? auth.data.token : undefined;
  const resumed = token === undefined ? undefined : await deps.tokens.renew(token);
  if (resumed) return resumed;
  return deps.tokens.issue((await deps.identities.recall(socket))?.privateId);
}

/**
 * Tells the client who it is: its token to keep and its public id. Sent by this process
 * only: `socket.emit` would go through the adapter, which with Redis writes every event
 * of a connection to the shared stream for every process to read and drop (so that a
 * recovery could replay it). This one needs no replay: every connection, a recovered one
 * too, is told again, with its token renewed.
 */
export function announceSession(socket: WatchSocket): void {
  const session = socket.data.session;
  if (!session) return;
  socket.nsp.local.to(socket.id).emit('session', {
    token: session.token,
    userId: session.userId,
    expiresAt: session.expiresAt,
  });
}

/** The public id of the person on this connection (set by `sessionMiddleware`). */
export function connectionUserId(socket: WatchSocket): string | undefined {
  return socket.data.session?.userId;
}
