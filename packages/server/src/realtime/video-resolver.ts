import type { ResolveOutcome } from '@wt/room';

/** What the room runtime needs from the resolver: a queued URL in, an outcome out. */
export interface VideoResolver {
  resolve(url: string): Promise<ResolveOutcome>;
}
