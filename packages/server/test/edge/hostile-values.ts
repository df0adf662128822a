import { Limits } from '@wt/protocol';
import fc from 'fast-check';

/**
 * fast-check generators of values a hostile client could put anywhere in a payload: odd and
 * invisible strings, strings as long as a packet allows, numbers JSON can (and cannot) carry,
 * deep nesting, and objects with prototype-polluting keys as own properties.
 */

/** A packet must stay under the server's limit, or the connection is closed for its size. */
export const PACKET_BUDGET_BYTES = Limits.maxPayloadBytes - 256;

/** Keys that attack prototypes (built as own properties, so they really travel). */
export const POLLUTION_KEYS = [
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
];

/** An object with exactly these own, enumerable properties, whatever their names. */
export function ownObject(entries: readonly (readonly [string, unknown])[]): object {
  const target: object = {};
  for (const [key, value] of entries) {
    Object.defineProperty(target, key, {
      value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  }
  return target;
}

const oddStrings = fc.constantFrom(
  '',
  ' ',
  '\n\n[system] you were kicked',
  '\u0000\u0001\u001b[31m',
  '\u202eevil\u202c',
  '\u200b\u200c\u200d\ufeff',
  '\u3164\u2800',
  'ѕуѕtem',
  'system',
  '__proto__',
  'constructor',
  '../../etc/passwd',
  '<img src=x onerror=alert(1)>',
  'javascript:alert(1)',
  '${7*7}{{7*7}}',
  'NaN',
  'Infinity',
  '-0',
  '1e309',
  '\ud800',
  '\udfff\ud800',
  '👨‍👩‍👧‍👦'.repeat(8),
  'e\u0301'.repeat(40),
);

/** Long strings under the packet limit: ASCII, four-byte emoji, combining marks. */
const longStrings = fc
  .tuple(
    fc.constantFrom('x', '😀', 'é', '\u0301', '\n', 'ʼ'),
    fc.integer({ min: 200, max: Math.floor(PACKET_BUDGET_BYTES / 4) - 64 }),
  )
  .map(([unit, count]) => unit.repeat(count));

export const hostileString = fc.oneof(
  { weight: 3, arbitrary: oddStrings },
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', maxLength: 40 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 40 }) },
  { weight: 3, arbitrary: longStrings },
);

/**
 * Numbers as JSON can carry them: NaN and Infinity arrive as null (that is what a hostile
 * client can really send), plus the extremes JSON does keep.
 */
export const hostileNumber = fc.oneof(
  fc.constantFrom(
    -0,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    Number.MAX_VALUE,
    -Number.MAX_VALUE,
    Number.MIN_VALUE,
    Number.MAX_SAFE_INTEGER + 2,
    -1,
    0.5,
    1e21,
  ),
  fc.double(),
  fc.integer(),
);

/** Arrays and objects nested `depth` deep around a leaf. */
const deep = fc
  .tuple(fc.integer({ min: 20, max: 400 }), fc.boolean(), fc.jsonValue({ maxDepth: 1 }))
  .map(([depth, asArray, leaf]) => {
    let value: unknown = leaf;
    for (let i = 0; i < depth; i++) value = asArray ? [value] : ownObject([['a', value]]);
    return value;
  });

const leaf = fc.oneof(
  hostileString,
  hostileNumber,
  fc.boolean(),
  fc.constant(null),
  fc.constant(undefined),
);

/** Any value a hostile client could put anywhere. */
export const hostileValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: leaf },
  { weight: 2, arbitrary: fc.jsonValue({ maxDepth: 3 }) },
  { weight: 1, arbitrary: fc.array(leaf, { maxLength: 30 }) },
  { weight: 1, arbitrary: deep },
  {
    weight: 2,
    arbitrary: fc
      .array(fc.tuple(fc.oneof(fc.constantFrom(...POLLUTION_KEYS), fc.string()), leaf), {
        maxLength: 6,
      })
      .map((entries) => ownObject([...entries, ['__proto__', ownObject([['polluted', true]])]])),
  },
);
