import type { Reaction } from '@wt/protocol';

/** Reactions are moments, not room state: they go to listeners, never into the view. */
export class ReactionFeed {
  private readonly listeners = new Set<(reaction: Reaction) => void>();

  /** Every reaction from now on; returns the unsubscribe. */
  readonly listen = (listener: (reaction: Reaction) => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  emit(reaction: Reaction): void {
    for (const listener of this.listeners) listener(reaction);
  }
}
