import {
  inboundSchemas,
  LoopMode,
  REACTION_EMOJIS,
  SyncStatus,
  type InboundEvent,
} from '@wt/protocol';
import fc from 'fast-check';
import {
  hostileNumber,
  hostileString,
  hostileValue,
  ownObject,
  PACKET_BUDGET_BYTES,
  POLLUTION_KEYS,
} from './hostile-values.js';

/**
 * fast-check generators of hostile Socket.io payloads. Every inbound event's payload is
 * built from the keys of its own schema in `inboundSchemas` (so a new event or field is
 * covered without touching this file), each key carrying a plausible value, a hostile one,
 * or nothing, plus keys that nobody asked for (`__proto__`, `constructor`, ...).
 */

function isInboundEvent(name: string): name is InboundEvent {
  return Object.hasOwn(inboundSchemas, name);
}

/** Every inbound event, as the protocol lists them. */
export const INBOUND_EVENTS: readonly InboundEvent[] =
  Object.keys(inboundSchemas).filter(isInboundEvent);

/** The rooms a generated payload names (plus random and malformed ids). */
export interface RoomTargets {
  /** The room the attacking connections are in. */
  arena: string;
  /** A room the attackers must never be able to touch. */
  bystander: string;
}

const tiktokUrl = fc.oneof(
  fc
    .bigInt({ min: 7_000_000_000_000_000_000n, max: 7_999_999_999_999_999_999n })
    .map((id) => `https://www.tiktok.com/@a/video/${id.toString()}`),
  fc.constantFrom(
    'https://tiktok.com.evil.example/@a/video/7400000000000000001',
    'http://127.0.0.1:22/@a/video/7400000000000000001',
    'https://www.tiktok.com/@a/photo/7400000000000000009',
    'file:///etc/passwd',
    'https://vm.tiktok.com/ZMloopb01/',
  ),
  fc.webUrl(),
);

const roomIdLike = fc.stringMatching(/^[A-Za-z0-9_-]{1,64}$/);
const smallInt = fc.integer({ min: -3, max: 260 });
const time = fc.oneof(fc.double({ min: 0, max: 100, noNaN: true }), hostileNumber);

/** A plausible value for a payload key (by its name), or a hostile one for a key we do not know. */
function plausible(key: string, rooms: RoomTargets, event: string): fc.Arbitrary<unknown> {
  switch (key) {
    case 'roomId':
      return fc.oneof(
        { weight: 6, arbitrary: fc.constant(rooms.arena) },
        // Joining the bystander's room is allowed to anyone; every other event must be refused.
        ...(event === 'join_room' ? [] : [{ weight: 2, arbitrary: fc.constant(rooms.bystander) }]),
        { weight: 1, arbitrary: roomIdLike.filter((id) => id !== rooms.bystander) },
      );
    case 'userId':
      return fc.oneof(roomIdLike, fc.constant('system'));
    case 'name':
      return hostileString;
    case 'protocolVersion':
      return fc.integer({ min: -1, max: 5 });
    case 'video':
      return fc.oneof(
        tiktokUrl.map((url) => ({ url })),
        hostileValue.map((url) => ({ url })),
      );
    case 'message':
      return fc.oneof(
        hostileString,
        hostileString.map((text) => ({ text })),
      );
    case 'index':
    case 'toIndex':
    case 'id':
    case 'itemId':
    case 'preloadedItemId':
    case 'readyEpoch':
      return fc.oneof(smallInt, hostileNumber);
    case 'time':
    case 'clipTime':
    case 'duration':
    case 'rttMs':
    case 'clientTime':
      return time;
    case 'status':
      return fc.constantFrom(...Object.values(SyncStatus), 'asleep');
    case 'mode':
      return fc.constantFrom(...Object.values(LoopMode), 'forever');
    case 'enabled':
    case 'keepCurrent':
      return fc.oneof(fc.boolean(), hostileValue);
    case 'emoji':
      return fc.constantFrom(...REACTION_EMOJIS, '💩', '❤');
    default:
      return hostileValue;
  }
}

const ABSENT = Symbol('absent');

/** Payloads for `event`: shaped like its schema (mostly), or anything at all. */
export function payloadFor(event: InboundEvent, rooms: RoomTargets): fc.Arbitrary<unknown> {
  const keys = Object.keys(inboundSchemas[event].shape);
  const fields = keys.map((key) =>
    fc
      .oneof(
        { weight: 6, arbitrary: plausible(key, rooms, event) },
        { weight: 2, arbitrary: hostileValue },
        { weight: 1, arbitrary: fc.constant(ABSENT) },
      )
      .map((value) => [key, value] as const),
  );
  const extras = fc.array(
    fc.tuple(
      fc.oneof(fc.constantFrom(...POLLUTION_KEYS), fc.string({ maxLength: 12 })),
      hostileValue,
    ),
    { maxLength: 3 },
  );
  const shaped = fc
    .tuple(fc.tuple(...fields), extras)
    .map(([present, extra]) =>
      ownObject([
        ...present.filter((entry): entry is readonly [string, unknown] => entry[1] !== ABSENT),
        ...extra,
      ]),
    );
  // Every key holding a string as long as the packet allows (counted in JSON's bytes).
  const heavy = fc.constantFrom('x', '😀', 'é', '\n', '\u0301').map((unit) => {
    const unitBytes = Buffer.byteLength(JSON.stringify(unit)) - 2;
    const length = Math.floor((PACKET_BUDGET_BYTES - 400) / Math.max(1, keys.length) / unitBytes);
    return ownObject(keys.map((key) => [key, unit.repeat(length)] as const));
  });
  return fc.oneof(
    { weight: 8, arbitrary: shaped },
    { weight: 2, arbitrary: hostileValue },
    { weight: 3, arbitrary: heavy },
  );
}

/** One emit: an event, its arguments, and whether an acknowledgement is asked for. */
export interface HostileEmit {
  event: string;
  args: readonly unknown[];
  ack: boolean;
}

/** What the server receives for `value`: socket.io-client sends JSON. */
export function overTheWire(value: unknown): unknown {
  const text = JSON.stringify([value]);
  const parsed: unknown = JSON.parse(text);
  return Array.isArray(parsed) ? parsed[0] : undefined;
}

/** Whether this emit fits in one packet the server accepts. */
export function fitsInPacket(emit: HostileEmit): boolean {
  return packetBytes(emit) < PACKET_BUDGET_BYTES;
}

/** The size of this emit's packet as JSON, in bytes. */
export function packetBytes(emit: HostileEmit): number {
  return Buffer.byteLength(JSON.stringify([emit.event, ...emit.args]));
}

/** Emits of `event`: mostly one payload with an ack, some without, some with extra arguments. */
export function emitsFor(event: InboundEvent, rooms: RoomTargets): fc.Arbitrary<HostileEmit> {
  const payload = payloadFor(event, rooms);
  return fc.oneof(
    { weight: 16, arbitrary: payload.map((p) => ({ event, args: [p], ack: true })) },
    { weight: 2, arbitrary: payload.map((p) => ({ event, args: [p], ack: false })) },
    {
      weight: 2,
      arbitrary: fc
        .tuple(payload, fc.array(hostileValue, { minLength: 1, maxLength: 3 }))
        .map(([p, more]) => ({ event, args: [p, ...more], ack: true })),
    },
    { weight: 1, arbitrary: fc.constant({ event, args: [], ack: true }) },
  );
}

/** Socket.io's own names, which a client cannot emit. */
const RESERVED_EVENTS = new Set([
  'connect',
  'connect_error',
  'disconnect',
  'disconnecting',
  'newListener',
  'removeListener',
]);

/** Event names the server does not know: random, look-alikes and prototype names. */
export const unknownEventName = fc
  .oneof(
    fc.string({ minLength: 1, maxLength: 40 }),
    fc.constantFrom(
      ...POLLUTION_KEYS,
      'valueOf',
      'JOIN_ROOM',
      'join_room ',
      'send_message\u0000',
      'make_me_host',
    ),
    fc.constantFrom(...Object.keys(inboundSchemas)).map((name) => `${name}_`),
  )
  .filter((name) => !isInboundEvent(name) && !RESERVED_EVENTS.has(name));
