/**
 * The source of a script that calls `fn(arg, ...globals)` in a page, where each of
 * `globalNames` names a global of that page (the relay page's `io`). `fn` must be
 * self-contained (no imports, no closure). tsx compiles with esbuild's `keepNames`, which
 * wraps named functions in a `__name(fn, "name")` helper that only exists in Node: the
 * script brings a stand-in of its own.
 */
export function browserScript<A, G extends unknown[]>(
  fn: (arg: A, ...globals: G) => void,
  arg: A,
  ...globalNames: { [K in keyof G]: string }
): string {
  const args = [JSON.stringify(arg), ...globalNames].join(', ');
  return [
    '(() => {',
    '  const __name = (target, value) =>',
    "    Object.defineProperty(target, 'name', { value, configurable: true });",
    `  (${fn.toString()})(${args});`,
    '})();',
  ].join('\n');
}
