import { get } from 'node:http';

/**
 * Bytes on the wire of `url` as the server sends it to a client that accepts gzip only
 * (the compression the budget is written in; tiny files are sent plain), memoised
 * per address.
 */
export function gzipSizer(): (url: string) => Promise<number> {
  const sizes = new Map<string, Promise<number>>();
  const measure = (url: string): Promise<number> =>
    new Promise((resolve, reject) => {
      get(url, { headers: { 'accept-encoding': 'gzip' } }, (res) => {
        if (res.statusCode !== 200) {
          res.resume();
          reject(new Error(`${url}: HTTP ${String(res.statusCode)}`));
          return;
        }
        // Files under the server's threshold (1 kB) are sent as they are: counted as sent.
        const encoding = res.headers['content-encoding'];
        if (encoding !== undefined && encoding !== 'gzip') {
          res.resume();
          reject(new Error(`${url}: sent as ${encoding}, not gzip`));
          return;
        }
        let bytes = 0;
        res.on('data', (chunk: Buffer) => (bytes += chunk.length));
        res.on('end', () => {
          resolve(bytes);
        });
        res.on('error', reject);
      }).on('error', reject);
    });
  return (url) => {
    let size = sizes.get(url);
    if (!size) {
      size = measure(url);
      sizes.set(url, size);
    }
    return size;
  };
}
