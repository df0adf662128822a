import { generateDisplayName, cleanDisplayName } from './display-name';
import { randomToken } from './random';
import { usableToken } from './session-token';
import { localStore, readStored, sessionStore, writeStored } from './storage';

const USER_ID_KEY = 'wt.userId';
const NAME_KEY = 'wt.displayName';
const TOKEN_KEY = 'wt.sessionToken';

/**
 * A made-up id this tab sends in `join_room` (the protocol asks for one). It is only a
 * hint: the server decides who we are from the session token, and the id it answers
 * (`session`, the join's `user.id`) is the one that counts.
 */
export function loadUserId(): string {
  const stored = readStored(sessionStore, USER_ID_KEY);
  if (stored !== undefined && /^[A-Za-z0-9_-]{1,64}$/.test(stored)) return stored;
  const id = `u${randomToken(15)}`;
  writeStored(sessionStore, USER_ID_KEY, id);
  return id;
}

/** The display name, shared by every tab of this browser; generated the first time. */
export function loadDisplayName(): string {
  const stored = readStored(localStore, NAME_KEY);
  const clean = stored === undefined ? undefined : cleanDisplayName(stored);
  if (clean !== undefined) return clean;
  const name = generateDisplayName();
  writeStored(localStore, NAME_KEY, name);
  return name;
}

export function saveDisplayName(name: string): void {
  writeStored(localStore, NAME_KEY, name);
}

/** The session token the server last gave this browser (shared by every tab). */
export function loadSessionToken(): string | undefined {
  return usableToken(readStored(localStore, TOKEN_KEY));
}

export function saveSessionToken(token: string): void {
  writeStored(localStore, TOKEN_KEY, token);
}
