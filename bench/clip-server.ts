import { createServer, type Server } from 'node:http';

/**
 * Serves `page` at every path but `clipPath`, and the clip there with byte ranges, as the
 * app's media is served: what the benchmarks that run one page and one clip need.
 */
export async function serveClipPage(
  page: string,
  clipPath: string,
  video: Buffer,
): Promise<Server> {
  const server = createServer((req, res) => {
    if (req.url !== clipPath) {
      res.writeHead(200, { 'content-type': 'text/html' }).end(page);
      return;
    }
    const range = /bytes=(\d+)-(\d*)/.exec(req.headers.range ?? '');
    const first = range ? Number(range[1]) : 0;
    const last = range?.[2] ? Number(range[2]) : video.length - 1;
    res.writeHead(range ? 206 : 200, {
      'content-type': 'video/mp4',
      'accept-ranges': 'bytes',
      'content-length': last - first + 1,
      ...(range ? { 'content-range': `bytes ${first}-${last}/${video.length}` } : {}),
    });
    res.end(video.subarray(first, last + 1));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return server;
}

export async function closeServer(server: Server): Promise<void> {
  await new Promise<void>((resolve) =>
    server.close(() => {
      resolve();
    }),
  );
}
