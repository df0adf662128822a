import { z } from 'zod';

/** Longest token a client may present; ours are about 200 characters. */
const MAX_TOKEN_LENGTH = 2048;
const token = z.string().min(1).max(MAX_TOKEN_LENGTH);

/**
 * What a client sends in Socket.io's handshake `auth`. Everything is optional: a client
 * without a token (the seed's) is given a fresh identity. Other keys (Socket.io's own
 * `pid`, `offset`) pass through untouched.
 */
export const handshakeAuthSchema = z.object({ token: token.optional() });

/**
 * `session`, sent by the server right after connecting: the signed token to keep and
 * send back in `auth.token`, the public id everyone else sees for this person (the
 * `user.id` of the join ack), and when the token expires (ms since the epoch). The token
 * may be renewed on any connection; keep the latest.
 */
export const sessionPayloadSchema = z.object({
  token,
  userId: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/),
  expiresAt: z.number().int().positive(),
});

export type SessionPayload = z.infer<typeof sessionPayloadSchema>;
