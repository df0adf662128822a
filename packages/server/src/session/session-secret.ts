import { randomBytes } from 'node:crypto';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';

/** The file in `DATA_DIR` that keeps a generated secret across restarts. */
export const SECRET_FILE = 'session-secret';
export const MIN_SECRET_LENGTH = 32;

/**
 * The secret that signs session tokens: `SESSION_SECRET` when set, otherwise the one
 * kept in `DATA_DIR` (generated at first start, mode 0600), so tokens survive a restart.
 */
export async function loadSessionSecret(options: {
  secret: string | undefined;
  dataDir: string;
}): Promise<string> {
  if (options.secret !== undefined) return options.secret;
  await mkdir(options.dataDir, { recursive: true });
  const file = path.join(options.dataDir, SECRET_FILE);
  const generated = randomBytes(32).toString('base64url');
  try {
    // `wx`: two processes starting at once keep whichever secret was written first.
    await writeFile(file, `${generated}\n`, { mode: 0o600, flag: 'wx' });
    return generated;
  } catch (error: unknown) {
    if (!isAlreadyThere(error)) throw error;
  }
  const stored = (await readFile(file, 'utf8')).trim();
  if (stored.length < MIN_SECRET_LENGTH) {
    throw new Error(`${file} holds no usable session secret (${String(stored.length)} characters)`);
  }
  return stored;
}

function isAlreadyThere(error: unknown): boolean {
  return error instanceof Error && Reflect.get(error, 'code') === 'EEXIST';
}
