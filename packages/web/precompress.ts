import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { promisify } from 'node:util';
import type { Plugin } from 'vite';

const brotli = promisify(brotliCompress);
const gzipped = promisify(gzip);

/** Smaller than this, a compressed copy saves less than its headers cost. */
const MIN_BYTES = 1024;

/**
 * Writes a brotli (`.br`, quality 11) and a gzip (`.gz`, level 9) copy of every script and
 * style of the build's `assets/`, which the server sends as they are. Compressing on each
 * request took the server tens of milliseconds of CPU per bundle, and held back the
 * response's first byte that long: a slower first paint on a phone, and a lopsided round
 * trip for the page's first clock samples (its responses are pings: `lib/response-clock`).
 */
export function precompress(): Plugin {
  let outDir = 'dist';
  return {
    name: 'wt-precompress',
    apply: 'build',
    configResolved(config) {
      outDir = path.resolve(config.root, config.build.outDir);
    },
    async writeBundle(_options, bundle) {
      const writes = Object.values(bundle)
        .filter((file) => /^assets\/.+\.(?:js|css)$/.test(file.fileName))
        .map(async (file) => {
          const source = Buffer.from(file.type === 'chunk' ? file.code : file.source);
          if (source.length < MIN_BYTES) return;
          const target = path.join(outDir, file.fileName);
          await mkdir(path.dirname(target), { recursive: true });
          const [br, gz] = await Promise.all([
            brotli(source, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
            gzipped(source, { level: 9 }),
          ]);
          await Promise.all([writeFile(`${target}.br`, br), writeFile(`${target}.gz`, gz)]);
        });
      await Promise.all(writes);
    },
  };
}
