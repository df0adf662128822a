import { crc32, deflateSync } from 'node:zlib';

const WIDTH = 90;
const HEIGHT = 160;

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const sum = Buffer.alloc(4);
  sum.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, sum]);
}

/** A colour per video id, so covers of different videos look different in screenshots. */
function hueOf(id: string): number {
  let hash = 0;
  for (const ch of id) hash = (hash * 31 + ch.charCodeAt(0)) % 360;
  return hash;
}

function rgb(hue: number, light: number): [number, number, number] {
  const c = (1 - Math.abs(2 * light - 1)) * 0.7;
  const x = c * (1 - Math.abs(((hue / 60) % 2) - 1));
  const m = light - c / 2;
  const [r, g, b] =
    hue < 60
      ? [c, x, 0]
      : hue < 120
        ? [x, c, 0]
        : hue < 180
          ? [0, c, x]
          : hue < 240
            ? [0, x, c]
            : hue < 300
              ? [x, 0, c]
              : [c, 0, x];
  const byte = (v: number) => Math.round((v + m) * 255);
  return [byte(r), byte(g), byte(b)];
}

/**
 * A video's cover as TikTok's image CDN serves it: a small PNG (a vertical gradient in a
 * colour of its own), so the cover proxy has real image bytes to pass on.
 */
export function coverImage(id: string): Buffer {
  const hue = hueOf(id);
  const rows: Buffer[] = [];
  for (let y = 0; y < HEIGHT; y++) {
    const [r, g, b] = rgb(hue, 0.25 + (0.4 * y) / HEIGHT);
    const row = Buffer.alloc(1 + WIDTH * 3);
    for (let x = 0; x < WIDTH; x++) row.set([r, g, b], 1 + x * 3);
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(WIDTH, 0);
  header.writeUInt32BE(HEIGHT, 4);
  header.set([8, 2, 0, 0, 0], 8);
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}
