import { randomBytes } from 'node:crypto';
import { connect as netConnect, type Socket } from 'node:net';

/**
 * A Socket.io client written by hand over a raw TCP socket: the HTTP upgrade, websocket
 * frames, the Engine.io and Socket.io handshakes. Unlike socket.io-client it can stop at
 * any step, stop answering pings, or stop reading at the TCP level (`pause`), which is
 * what the backpressure and timeout tests need.
 */
export interface RawOptions {
  /** Answer Engine.io's pings (default: yes). */
  answerPings?: boolean;
  /** Answer the websocket close handshake, as a live peer does (default: yes). */
  answerClose?: boolean;
  /**
   * How long each step of the handshake may wait for its answer (default 10 s); past it the
   * connection is closed and the handshake rejects with "timed out waiting".
   */
  handshakeTimeoutMs?: number;
}

export class RawSocketIo {
  /** Text messages received, in order (Engine.io packets: "0{...}", "2", "40{...}", "42[...]"). */
  readonly messages: string[] = [];
  readonly closed: Promise<void>;
  private buffer = Buffer.alloc(0);
  private upgraded = false;
  private waiters: (() => void)[] = [];
  private isClosed = false;
  private failure: string | undefined;

  private constructor(
    readonly socket: Socket,
    private readonly answerPings: boolean,
    private readonly answerClose: boolean,
  ) {
    this.closed = new Promise((resolve) => {
      socket.once('close', () => {
        this.isClosed = true;
        this.wake();
        resolve();
      });
    });
    socket.on('error', () => {
      // A reset from the server shows as 'close' right after; the tests assert on that.
    });
    socket.on('data', (chunk: Buffer) => {
      this.buffer = Buffer.concat([this.buffer, chunk]);
      this.parse();
    });
  }

  /** Opens a TCP connection and nothing more. */
  static tcp(port: number, options: RawOptions = {}): Promise<RawSocketIo> {
    return new Promise((resolve, reject) => {
      const socket = netConnect({ port, host: '127.0.0.1' }, () => {
        socket.off('error', reject);
        resolve(new RawSocketIo(socket, options.answerPings ?? true, options.answerClose ?? true));
      });
      socket.once('error', reject);
    });
  }

  /** Upgrades to websocket and reads Engine.io's open packet. */
  static async engineIo(port: number, options: RawOptions = {}) {
    const client = await RawSocketIo.tcp(port, options);
    client.socket.write(
      [
        'GET /socket.io/?EIO=4&transport=websocket HTTP/1.1',
        `Host: 127.0.0.1:${port}`,
        'Upgrade: websocket',
        'Connection: Upgrade',
        `Sec-WebSocket-Key: ${randomBytes(16).toString('base64')}`,
        'Sec-WebSocket-Version: 13',
        '',
        '',
      ].join('\r\n'),
    );
    await client.handshakeStep((m) => m.startsWith('0{'), options);
    return client;
  }

  /** A full Socket.io connection to the main namespace; resolves with its socket id. */
  static async socketIo(port: number, options: RawOptions = {}) {
    const client = await RawSocketIo.engineIo(port, options);
    client.send('40');
    const connected = await client.handshakeStep((m) => m.startsWith('40{'), options);
    const parsed: unknown = JSON.parse(connected.slice(2));
    const sid: unknown =
      typeof parsed === 'object' && parsed !== null ? Reflect.get(parsed, 'sid') : undefined;
    if (typeof sid !== 'string') throw new Error(`unexpected CONNECT answer ${connected}`);
    return { client, sid };
  }

  get isOpen(): boolean {
    return !this.isClosed;
  }

  /** Sends one text frame (masked, as a client must). */
  send(text: string): void {
    this.sendFrame(0x1, Buffer.from(text));
  }

  /** Many text frames in one buffer, built once and written as often as wanted (`write`). */
  static frames(texts: readonly string[]): Buffer {
    return Buffer.concat(texts.map((text) => maskedFrame(0x1, Buffer.from(text))));
  }

  /** Writes bytes as they are, in one write (e.g. the `frames` of a flood). */
  write(bytes: Buffer): void {
    this.socket.write(bytes);
  }

  private sendFrame(opcode: number, payload: Buffer): void {
    this.socket.write(maskedFrame(opcode, payload));
  }

  /** Emits a Socket.io event with an acknowledgement and waits for the answer. */
  async emitWithAck(ackId: number, event: string, payload: unknown): Promise<unknown> {
    this.send(`42${ackId}${JSON.stringify([event, payload])}`);
    const answer = await this.next((m) => m.startsWith(`43${ackId}[`));
    const parsed: unknown = JSON.parse(answer.slice(`43${ackId}`.length));
    return Array.isArray(parsed) ? parsed[0] : undefined;
  }

  /** A handshake's next answer; the connection is closed when it does not come in time. */
  private async handshakeStep(
    matches: (message: string) => boolean,
    options: RawOptions,
  ): Promise<string> {
    try {
      return await this.next(matches, options.handshakeTimeoutMs);
    } catch (error: unknown) {
      this.destroy();
      throw error;
    }
  }

  /** The first message (already received or still to come) that matches. */
  async next(matches: (message: string) => boolean, timeoutMs = 10_000): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const found = this.messages.find(matches);
      if (found !== undefined) return found;
      if (this.failure !== undefined) throw new Error(this.failure);
      if (this.isClosed) throw new Error('connection closed while waiting for a message');
      if (Date.now() > deadline) throw new Error('timed out waiting for a message');
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, 50);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Stops reading: the kernel's buffers fill and the server's writes back up. */
  pause(): void {
    this.socket.pause();
  }

  resume(): void {
    this.socket.resume();
  }

  destroy(): void {
    this.socket.destroy();
  }

  private wake(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const wake of waiters) wake();
  }

  private parse(): void {
    if (!this.upgraded) {
      const end = this.buffer.indexOf('\r\n\r\n');
      if (end < 0) return;
      const head = this.buffer.subarray(0, end).toString();
      if (!head.startsWith('HTTP/1.1 101')) {
        this.failure = `upgrade refused: ${head}`;
        this.socket.destroy();
        return;
      }
      this.upgraded = true;
      this.buffer = this.buffer.subarray(end + 4);
    }
    for (;;) {
      const frame = readFrame(this.buffer);
      if (!frame) break;
      this.buffer = this.buffer.subarray(frame.size);
      if (frame.opcode === 0x8 && this.answerClose) {
        // The server closes: answer like any websocket peer, then end the connection.
        this.sendFrame(0x8, frame.payload);
        this.socket.end();
        continue;
      }
      if (frame.opcode !== 0x1) continue;
      const text = frame.payload.toString();
      this.messages.push(text);
      if (text === '2' && this.answerPings) this.send('3');
    }
    this.wake();
  }
}

/** One client frame: masked, as a client's must be. */
function maskedFrame(opcode: number, payload: Buffer): Buffer {
  const mask = randomBytes(4);
  const length = payload.length;
  const first = 0x80 | opcode;
  const header =
    length < 126
      ? Buffer.from([first, 0x80 | length])
      : length < 65536
        ? Buffer.from([first, 0x80 | 126, length >> 8, length & 0xff])
        : Buffer.concat([Buffer.from([first, 0x80 | 127]), bigEndian64(length)]);
  const masked = Buffer.alloc(length);
  for (let i = 0; i < length; i++) masked[i] = (payload[i] ?? 0) ^ (mask[i % 4] ?? 0);
  return Buffer.concat([header, mask, masked]);
}

function bigEndian64(value: number): Buffer {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64BE(BigInt(value));
  return bytes;
}

/** One unmasked server frame from the start of `buffer`, or undefined if incomplete. */
function readFrame(buffer: Buffer): { opcode: number; payload: Buffer; size: number } | undefined {
  const first = buffer[0];
  const second = buffer[1];
  if (first === undefined || second === undefined) return undefined;
  let length = second & 0x7f;
  let offset = 2;
  if (length === 126) {
    if (buffer.length < 4) return undefined;
    length = buffer.readUInt16BE(2);
    offset = 4;
  } else if (length === 127) {
    if (buffer.length < 10) return undefined;
    length = Number(buffer.readBigUInt64BE(2));
    offset = 10;
  }
  if (buffer.length < offset + length) return undefined;
  return {
    opcode: first & 0x0f,
    payload: buffer.subarray(offset, offset + length),
    size: offset + length,
  };
}
