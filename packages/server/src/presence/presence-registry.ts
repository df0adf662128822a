/** A person whose last connection in a room has gone. */
export interface Departed {
  roomId: string;
  userId: string;
}

/**
 * Who is connected to which room, by connection: presence, kept apart from the persisted
 * room (which only lists its members). The edge makes a person join a room on their
 * first connection there and leave after their last one, so two tabs are one member and
 * a reload within the grace period posts no line. A connection belongs to the process
 * that serves it; when a process dies, its connections are reaped by another.
 */
export interface PresenceRegistry {
  /** `connectionId` is in `roomId` as `userId`; true when it is their first connection there. */
  attach(roomId: string, userId: string, connectionId: string): Promise<boolean>;
  /**
   * `connectionId` (of this process) left; true when it was the person's last connection
   * there. False as well when the connection belongs to another process by now (it
   * recovered there).
   */
  detach(roomId: string, userId: string, connectionId: string): Promise<boolean>;
  /** People left behind by processes that died: each reported once, to one process. */
  reap(): Promise<Departed[]>;
  close(): Promise<void>;
}
