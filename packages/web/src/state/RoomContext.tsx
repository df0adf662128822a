import { createContext, useContext, useSyncExternalStore, type ReactNode } from 'react';
import type { RoomClient } from './room-client';
import type { RoomView } from './room-reducer';

const RoomContext = createContext<RoomClient | undefined>(undefined);

export function RoomProvider({ client, children }: { client: RoomClient; children: ReactNode }) {
  return <RoomContext value={client}>{children}</RoomContext>;
}

/** The room session: commands, clock, ids. */
export function useRoomClient(): RoomClient {
  const client = useContext(RoomContext);
  if (!client) throw new Error('useRoomClient must be used inside <RoomProvider>');
  return client;
}

/**
 * One slice of the room state; the component re-renders only when that slice
 * changes. The selector must return a stored value (or a primitive), not a new object.
 */
export function useRoomSelector<T>(selector: (view: RoomView) => T): T {
  const client = useRoomClient();
  return useSyncExternalStore(client.subscribe, () => selector(client.getSnapshot()));
}
