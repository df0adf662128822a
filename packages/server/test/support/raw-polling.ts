/**
 * A Socket.io client over Engine.io long-polling, by hand with fetch: it polls only when
 * told to, so a test can make it stop fetching what the server queues for it.
 */
export class RawPolling {
  /** The Socket.io socket id, once connected. */
  sid = '';

  private constructor(private readonly endpoint: string) {}

  /** The Engine.io handshake, then the Socket.io CONNECT; resolves once connected. */
  static async connect(baseUrl: string): Promise<RawPolling> {
    const endpoint = `${baseUrl}/socket.io/?EIO=4&transport=polling`;
    const [open] = await getPackets(endpoint);
    const sid = open?.startsWith('0') ? readSid(open.slice(1)) : undefined;
    if (sid === undefined) throw new Error(`unexpected open packet ${String(open)}`);
    const client = new RawPolling(`${endpoint}&sid=${sid}`);
    await client.post('40');
    const packets = await client.poll();
    const connected = packets.find((packet) => packet.startsWith('40{'));
    const socketSid = connected === undefined ? undefined : readSid(connected.slice(2));
    if (socketSid === undefined) throw new Error(`no CONNECT answer in ${packets.join(' ')}`);
    client.sid = socketSid;
    return client;
  }

  /** Sends one packet. */
  async post(packet: string): Promise<void> {
    const response = await fetch(this.endpoint, { method: 'POST', body: packet });
    if (!response.ok) throw new Error(`POST answered ${response.status}`);
    await response.text();
  }

  /** One long-poll: the packets the server had queued (or the next ones). */
  poll(): Promise<string[]> {
    return getPackets(this.endpoint);
  }

  /** The HTTP status a poll gets now (400 once the server has closed the session). */
  async pollStatus(): Promise<number> {
    const response = await fetch(this.endpoint);
    await response.text();
    return response.status;
  }
}

async function getPackets(url: string): Promise<string[]> {
  const response = await fetch(url);
  const body = await response.text();
  if (!response.ok) throw new Error(`GET answered ${response.status}: ${body}`);
  return body.split('\x1e');
}

function readSid(json: string): string | undefined {
  const parsed: unknown = JSON.parse(json);
  const sid: unknown =
    typeof parsed === 'object' && parsed !== null ? Reflect.get(parsed, 'sid') : undefined;
  return typeof sid === 'string' ? sid : undefined;
}
