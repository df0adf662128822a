/**
 * The id of the newest entry this process has read from the Redis Streams adapter's
 * stream: a position a connection-state recovery can start from (`XRANGE` after it).
 *
 * Socket.io appends such an offset to every broadcast that crosses the stream, and the
 * client keeps the last one it saw; a recovery then replays the entries after it. A big
 * room's batches on several processes are local sends (see `DeltaBroadcast`) that never
 * cross the stream, so they carry this one: their members can still recover, and what
 * those batches held is replayed by the process itself.
 *
 * Reads a library internal, checked at run time (written against
 * `@socket.io/redis-streams-adapter` 0.3.1: `onRawMessage(rawMessage, offset)` is called
 * for each entry of the stream, this process's own included). An adapter without it gives
 * no offset, and a member of a big room then joins afresh after a drop.
 */
export function trackStreamOffset(adapter: object): () => string | undefined {
  let newest: string | undefined;
  const onRawMessage: unknown = Reflect.get(adapter, 'onRawMessage');
  if (typeof onRawMessage !== 'function') return () => undefined;
  Reflect.set(adapter, 'onRawMessage', (rawMessage: unknown, offset: unknown): void => {
    if (typeof offset === 'string') newest = offset;
    Reflect.apply(onRawMessage, adapter, [rawMessage, offset]);
  });
  return () => newest;
}
