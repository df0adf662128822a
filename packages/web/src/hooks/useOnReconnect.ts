import { useEffect, useEffectEvent, useRef } from 'react';
import { useRoomSelector } from '../state/RoomContext';

/**
 * Calls `onReconnect` each time the room connection is back (status `connected` after
 * any other): the place to clear errors such as "Not connected to the server" that
 * were true while the link was down and are stale now.
 */
export function useOnReconnect(onReconnect: () => void): void {
  const status = useRoomSelector((view) => view.status);
  const previous = useRef(status);
  const run = useEffectEvent(onReconnect);
  useEffect(() => {
    const was = previous.current;
    previous.current = status;
    if (status === 'connected' && was !== 'connected') run();
  }, [status]);
}
