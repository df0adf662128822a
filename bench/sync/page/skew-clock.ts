export interface SkewConfig {
  /** Added to the page's clock, ms. */
  skewMs: number;
}

/**
 * Runs in the page before its own scripts: moves `Date` (`Date.now()`, `new Date()`,
 * `Date()`) and `performance.timeOrigin` by `skewMs`, as a computer whose clock is off
 * would. `performance.now()` (time since the page opened) is left alone.
 */
export function installSkewedClock(config: SkewConfig): void {
  const RealDate = Date;
  const realOrigin = performance.timeOrigin;
  const now = (): number => RealDate.now() + config.skewMs;
  const skewed = new Proxy(RealDate, {
    construct(target, args: unknown[], newTarget): object {
      const made: unknown = Reflect.construct(
        target,
        args.length === 0 ? [now()] : args,
        newTarget,
      );
      if (!(made instanceof RealDate)) throw new TypeError('Date construction failed');
      return made;
    },
    apply() {
      return new RealDate(now()).toString();
    },
    get(target, key, receiver): unknown {
      return key === 'now' ? now : Reflect.get(target, key, receiver);
    },
  });
  Object.defineProperty(globalThis, 'Date', { value: skewed, writable: true, configurable: true });
  Object.defineProperty(performance, 'timeOrigin', {
    get: () => realOrigin + config.skewMs,
    configurable: true,
  });
}
