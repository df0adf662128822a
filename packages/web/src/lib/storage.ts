/**
 * Web Storage that may be missing or throw (private mode, disabled cookies, quota): a
 * read gives undefined, a write is dropped. What is stored is only ever a hint.
 */
export function readStored(storage: () => Storage, key: string): string | undefined {
  try {
    return storage().getItem(key) ?? undefined;
  } catch {
    return undefined;
  }
}

export function writeStored(storage: () => Storage, key: string, value: string): void {
  try {
    storage().setItem(key, value);
  } catch {
    // Not persisted: the value still holds for this page's lifetime.
  }
}

export const sessionStore = (): Storage => window.sessionStorage;
export const localStore = (): Storage => window.localStorage;
