/**
 * Runs at most one job per key at a time: callers that ask while a job runs share
 * its promise, so any number of simultaneous requests for one video cost one fetch.
 */
export class SingleFlight<K, V> {
  private readonly flights = new Map<K, Promise<V>>();

  get inFlight(): number {
    return this.flights.size;
  }

  /** Whether `job` started (true) or the caller joined a running flight (false). */
  run(key: K, job: () => Promise<V>): { promise: Promise<V>; leader: boolean } {
    const running = this.flights.get(key);
    if (running) return { promise: running, leader: false };
    const promise = job().finally(() => {
      this.flights.delete(key);
    });
    this.flights.set(key, promise);
    return { promise, leader: true };
  }
}
