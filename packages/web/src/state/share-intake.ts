import type { RoomClient } from './room-client';

/** What became of a link shared into the app from another one (Web Share Target). */
export type ShareIntakeState =
  | { status: 'adding'; url: string }
  | { status: 'added'; url: string }
  | { status: 'failed'; url: string; message: string }
  /** The share carried no TikTok video link. */
  | { status: 'no-link' };

/**
 * Adds a shared link to the room's queue once the page has joined (before that every
 * command is refused), exactly once, and tells the page how it went.
 */
export class ShareIntake {
  private state: ShareIntakeState;
  private readonly listeners = new Set<() => void>();
  private unsubscribe: (() => void) | undefined;

  constructor(
    private readonly client: RoomClient,
    url: string | undefined,
  ) {
    this.state = url === undefined ? { status: 'no-link' } : { status: 'adding', url };
    if (url === undefined) return;
    const check = () => {
      if (client.getSnapshot().status !== 'connected' || !this.unsubscribe) return;
      this.unsubscribe();
      this.unsubscribe = undefined;
      void this.add(url);
    };
    this.unsubscribe = client.subscribe(check);
    check();
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getSnapshot = (): ShareIntakeState => this.state;

  private async add(url: string): Promise<void> {
    const result = await this.client.addVideo(url);
    this.set(
      result.ok
        ? { status: 'added', url }
        : { status: 'failed', url, message: result.error.message },
    );
  }

  private set(state: ShareIntakeState): void {
    this.state = state;
    for (const listener of this.listeners) listener();
  }
}
