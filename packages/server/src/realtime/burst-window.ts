/**
 * Per key (a room): the first item of a quiet moment is sent at once; items that come
 * within the next `windowMs` wait and are sent together at its end, which opens the next
 * window, until a window passes with nothing. So a burst costs one send per window, and
 * nothing is ever held back when things are quiet.
 */
export class BurstWindow<T> {
  private readonly open = new Map<string, { timer: ReturnType<typeof setTimeout>; items: T[] }>();

  constructor(
    private readonly windowMs: number,
    private readonly send: (key: string, items: readonly T[]) => void,
  ) {}

  /**
   * Sends `item` now, or with the open window; `hold: false` opens no window after it, a
   * number opens one of that many ms (a window opened after a burst keeps the length its
   * burst's first item asked for).
   */
  add(key: string, item: T, hold: boolean | number = true): void {
    const window = this.open.get(key);
    if (window) {
      window.items.push(item);
      return;
    }
    this.send(key, [item]);
    if (hold === false) return;
    this.openWindow(key, hold === true ? this.windowMs : hold);
  }

  close(): void {
    for (const { timer } of this.open.values()) clearTimeout(timer);
    this.open.clear();
  }

  private openWindow(key: string, windowMs: number): void {
    const timer = setTimeout(() => {
      const items = this.open.get(key)?.items ?? [];
      this.open.delete(key);
      if (items.length === 0) return;
      this.send(key, items);
      this.openWindow(key, windowMs);
    }, windowMs);
    timer.unref();
    this.open.set(key, { timer, items: [] });
  }
}
