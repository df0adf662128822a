import { generateDisplayName, cleanDisplayName } from './display-name';
import { randomToken } from './random';
import { usableToken } from './session-token';

const USER_ID_KEY = 'wt.userId';
const NAME_KEY = 'wt.displayName';
const TOKEN_KEY = 'wt.sessionToken';

/** Storage that may be missing or throw (private mode, disabled cookies). */
function read(storage: () => Storage, key: string): string | undefined {
  try {
    return storage().getItem(key) ?? undefined;
  } catch {
    return undefined;
  }
}

function write(storage: () => Storage, key: string, value: string): void {
  try {
    storage().setItem(key, value);
  } catch {
    // Not persisted: the value still holds for this page's lifetime.
  }
}

const session = (): Storage => window.sessionStorage;
const local = (): Storage => window.localStorage;

/**
 * A made-up id this tab sends in `join_room` (the protocol asks for one). It is only a
 * hint: the server decides who we are from the session token, and the id it answers
 * (`session`, the join's `user.id`) is the one that counts.
 */
export function loadUserId(): string {
  const stored = read(session, USER_ID_KEY);
  if (stored !== undefined && /^[A-Za-z0-9_-]{1,64}$/.test(stored)) return stored;
  const id = `u${randomToken(15)}`;
  write(session, USER_ID_KEY, id);
  return id;
}

/** The display name, shared by every tab of this browser; generated the first time. */
export function loadDisplayName(): string {
  const stored = read(local, NAME_KEY);
  const clean = stored === undefined ? undefined : cleanDisplayName(stored);
  if (clean !== undefined) return clean;
  const name = generateDisplayName();
  write(local, NAME_KEY, name);
  return name;
}

export function saveDisplayName(name: string): void {
  write(local, NAME_KEY, name);
}

/** The session token the server last gave this browser (shared by every tab). */
export function loadSessionToken(): string | undefined {
  return usableToken(read(local, TOKEN_KEY));
}

export function saveSessionToken(token: string): void {
  write(local, TOKEN_KEY, token);
}
