import type { Departed, PresenceRegistry } from './presence-registry.js';

/** One process: presence in a `Map`. Nobody else serves these rooms, so nothing is reaped. */
export class MemoryPresence implements PresenceRegistry {
  private readonly connections = new Map<string, Set<string>>();

  attach(roomId: string, userId: string, connectionId: string): Promise<boolean> {
    const key = keyOf(roomId, userId);
    const open = this.connections.get(key) ?? new Set<string>();
    const first = open.size === 0;
    open.add(connectionId);
    this.connections.set(key, open);
    return Promise.resolve(first);
  }

  detach(roomId: string, userId: string, connectionId: string): Promise<boolean> {
    const key = keyOf(roomId, userId);
    const open = this.connections.get(key);
    if (!open?.delete(connectionId)) return Promise.resolve(false);
    if (open.size > 0) return Promise.resolve(false);
    this.connections.delete(key);
    return Promise.resolve(true);
  }

  reap(): Promise<Departed[]> {
    return Promise.resolve([]);
  }

  close(): Promise<void> {
    this.connections.clear();
    return Promise.resolve();
  }
}

function keyOf(roomId: string, userId: string): string {
  return JSON.stringify([roomId, userId]);
}
