import { initialRoomView, roomReducer, type RoomAction, type RoomView } from './room-reducer';

/**
 * The room as this page shows it: the reducer's state and its subscribers, in the shape
 * `useSyncExternalStore` reads (see `RoomContext`). Listeners hear only real changes.
 */
export class RoomStore {
  private view: RoomView;
  private readonly listeners = new Set<() => void>();

  constructor(roomId: string) {
    this.view = initialRoomView(roomId);
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): RoomView => this.view;

  dispatch(action: RoomAction): void {
    const next = roomReducer(this.view, action);
    if (next === this.view) return;
    this.view = next;
    for (const listener of this.listeners) listener();
  }
}
