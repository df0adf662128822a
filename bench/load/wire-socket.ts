import WebSocket from 'ws';

/**
 * The Socket.io wire protocol (v5 over Engine.io v4, WebSocket only, main namespace), written
 * out for the generator: on the wire it is what socket.io-client sends and reads (the server
 * cannot tell them apart), at a fraction of its CPU. On this machine's two cores the generator
 * shares the CPU with the server it measures; socket.io-client cost about as much CPU per
 * client as the server under test, so the generator, not the server, set the figures at the
 * largest steps. Text packets only (the app and the relay send no binary).
 *
 * Not `packages/server/test/support/raw-socket-io.ts`: that one writes the websocket frames by
 * hand so hostile-client tests can stop at any step, keeps every message and polls for the
 * next; a generator of thousands of well-behaved clients needs `ws`'s framing, a source
 * address per client and nothing kept.
 *
 * Engine.io packet: one digit type (`0` open, `1` close, `2` ping, `3` pong, `4` message).
 * Socket.io packet inside a message: one digit type (`0` connect, `1` disconnect, `2` event,
 * `3` ack, `4` connect error), then an ack id when there is one, then JSON.
 */
const ENGINE_OPEN = '0';
const ENGINE_CLOSE = '1';
const ENGINE_PING = '2';
const ENGINE_PONG = '3';
const ENGINE_MESSAGE = '4';
const IO_CONNECT = '0';
const IO_DISCONNECT = '1';
const IO_EVENT = '2';
const IO_ACK = '3';
const IO_CONNECT_ERROR = '4';

/** The acknowledgement did not come in time (socket.io-client's `timeout().emitWithAck`). */
export class AckTimeout extends Error {
  override name = 'AckTimeout';
}

interface PendingAck {
  resolve(value: unknown): void;
  reject(error: Error): void;
  timer: NodeJS.Timeout;
}

/** Where an ack id ends and the JSON begins, in a packet body after its type digit. */
function splitAckId(body: string): { id: number | undefined; json: string } {
  let end = 0;
  while (end < body.length) {
    const code = body.charCodeAt(end);
    if (code < 48 || code > 57) break;
    end++;
  }
  return { id: end === 0 ? undefined : Number(body.slice(0, end)), json: body.slice(end) };
}

/** A text frame's packet (ws hands text frames over as one Buffer with the default binaryType). */
function textOf(data: WebSocket.RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}

export class WireSocket {
  private socket: WebSocket | undefined;
  private nextAckId = 0;
  private readonly acks = new Map<number, PendingAck>();
  private readonly handlers = new Map<string, (payload: unknown) => void>();
  private onClose: (() => void) | undefined;
  private open = false;

  /** `url`: the server's origin (`http://127.0.0.1:3000`). */
  constructor(
    private readonly url: string,
    private readonly localAddress: string,
  ) {}

  /** Opens the WebSocket and the main namespace; rejects on refusal or after `timeoutMs`. */
  connect(timeoutMs: number): Promise<void> {
    const endpoint = `${this.url.replace(/^http/, 'ws')}/socket.io/?EIO=4&transport=websocket`;
    const socket = new WebSocket(endpoint, {
      localAddress: this.localAddress,
      perMessageDeflate: false,
    });
    this.socket = socket;
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        fail(new Error('connect timeout'));
      }, timeoutMs);
      const fail = (error: Error): void => {
        clearTimeout(timer);
        socket.terminate();
        reject(error);
      };
      socket.on('error', fail);
      socket.on('message', (data: WebSocket.RawData, isBinary: boolean) => {
        if (isBinary) return;
        const packet = textOf(data);
        if (this.open) {
          this.onPacket(packet);
          return;
        }
        if (packet.startsWith(ENGINE_OPEN)) {
          socket.send(ENGINE_MESSAGE + IO_CONNECT);
        } else if (packet.startsWith(ENGINE_MESSAGE + IO_CONNECT)) {
          clearTimeout(timer);
          socket.off('error', fail);
          // Once open, a socket error is always followed by 'close', which reports the
          // disconnect (the generator counts it); the error itself adds nothing to that.
          socket.on('error', () => undefined);
          this.open = true;
          resolve();
        } else if (packet.startsWith(ENGINE_MESSAGE + IO_CONNECT_ERROR)) {
          fail(new Error(`connect refused: ${packet.slice(2)}`));
        }
      });
      socket.on('close', () => {
        clearTimeout(timer);
        if (!this.open) {
          reject(new Error('closed before connecting'));
          return;
        }
        this.closed();
      });
    });
  }

  /** One handler per event (the generator's needs). */
  on(event: string, handler: (payload: unknown) => void): void {
    this.handlers.set(event, handler);
  }

  onDisconnect(handler: () => void): void {
    this.onClose = handler;
  }

  /** Emits with an acknowledgement, which resolves with its first argument. */
  emitWithAck(event: string, payload: unknown, timeoutMs: number): Promise<unknown> {
    const id = this.nextAckId++;
    return new Promise<unknown>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.acks.delete(id);
        reject(new AckTimeout(`${event}: no acknowledgement in ${timeoutMs} ms`));
      }, timeoutMs);
      this.acks.set(id, { resolve, reject, timer });
      this.send(ENGINE_MESSAGE + IO_EVENT + String(id) + JSON.stringify([event, payload]));
    });
  }

  close(): void {
    this.open = false;
    this.socket?.close();
    this.closed();
  }

  private send(packet: string): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(packet);
  }

  private onPacket(packet: string): void {
    const engineType = packet[0];
    if (engineType === ENGINE_PING) {
      this.send(ENGINE_PONG);
      return;
    }
    if (engineType === ENGINE_CLOSE) {
      this.socket?.close();
      return;
    }
    if (engineType !== ENGINE_MESSAGE) return;
    const ioType = packet[1];
    if (ioType === IO_DISCONNECT) {
      this.socket?.close();
      return;
    }
    if (ioType !== IO_EVENT && ioType !== IO_ACK) return;
    const { id, json } = splitAckId(packet.slice(2));
    const parsed: unknown = JSON.parse(json);
    if (!Array.isArray(parsed)) return;
    const args: unknown[] = parsed;
    if (ioType === IO_ACK) {
      if (id === undefined) return;
      const pending = this.acks.get(id);
      if (!pending) return;
      this.acks.delete(id);
      clearTimeout(pending.timer);
      pending.resolve(args[0]);
      return;
    }
    const [event, payload] = args;
    // The generator answers no server-side acknowledgement requests (neither server asks).
    if (typeof event === 'string') this.handlers.get(event)?.(payload);
  }

  private closed(): void {
    for (const pending of this.acks.values()) {
      clearTimeout(pending.timer);
      pending.reject(new Error('disconnected'));
    }
    this.acks.clear();
    const onClose = this.onClose;
    this.onClose = undefined;
    onClose?.();
  }
}
