/**
 * Narrow type guards for JSON that did not come through the socket (no zod in the web
 * bundle). `shape` checks every property a type declares, so a field added to a protocol
 * type does not type-check here until its guard is written.
 */

export type Guard<T> = (value: unknown) => value is T;

/** One guard for each property of `T`, optional ones included. */
export type Shape<T> = { [K in keyof T]-?: Guard<T[K]> };

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export const isString: Guard<string> = (value): value is string => typeof value === 'string';

export const isNumber: Guard<number> = (value): value is number =>
  typeof value === 'number' && Number.isFinite(value);

export const isBoolean: Guard<boolean> = (value): value is boolean => typeof value === 'boolean';

/** Absent, or what `guard` accepts. */
export function optional<T>(guard: Guard<T>): Guard<T | undefined> {
  return (value): value is T | undefined => value === undefined || guard(value);
}

export function arrayOf<T>(guard: Guard<T>): Guard<T[]> {
  return (value): value is T[] => Array.isArray(value) && value.every((item) => guard(item));
}

/** One of a fixed set of literals (an enum-like `as const` object's values). */
export function oneOf<T extends string>(values: readonly T[]): Guard<T> {
  return (value): value is T => values.some((allowed) => allowed === value);
}

/** An object whose every declared property passes its guard (extra properties allowed). */
export function shape<T>(guards: Shape<T>): Guard<T> {
  return (value): value is T => {
    if (!isRecord(value)) return false;
    for (const key in guards) {
      if (!guards[key](value[key])) return false;
    }
    return true;
  };
}
