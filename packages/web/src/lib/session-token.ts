/**
 * The signed session token the server issues (`session` event). It is who this browser
 * is: every tab sends it in the Socket.io handshake (`auth.token`), so a reload, a
 * reconnect and a second tab are the same person. The server renews it; keep the latest.
 */

/** Longest token the server accepts (see `handshakeAuthSchema` in @wt/protocol). */
const MAX_TOKEN_LENGTH = 2048;
/** Three base64url parts: a JWT. */
const TOKEN_PATTERN = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/;

/** A stored value worth sending, or undefined (the server then issues a new identity). */
export function usableToken(stored: string | undefined): string | undefined {
  return stored !== undefined && stored.length <= MAX_TOKEN_LENGTH && TOKEN_PATTERN.test(stored)
    ? stored
    : undefined;
}

/** The handshake's `auth`: the token when there is one, nothing otherwise. */
export function handshakeAuth(token: string | undefined): { token?: string } {
  return token === undefined ? {} : { token };
}
