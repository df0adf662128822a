import type { EffectivePlayback } from '../playback-sync';
import type { BufferedRanges } from './media';
import {
  bufferedAt,
  localLead,
  localStart,
  metadataStart,
  soonerLoadStart,
  type StartPlan,
} from './start-plan';

/**
 * The start of a clip loading into the element on screen (a late join): aimed at the
 * load by a guess of how long the load takes, sooner while a better round trip is learnt
 * before the metadata, and once more when the metadata is here and what is left is known.
 * Each method answers the plan to follow now, or undefined to keep the current one.
 */
export class LoadAim {
  /** The start planned for the load, while it is the one being prepared. */
  private plan: StartPlan | undefined;
  /** Server time of the load (the first guess's lead counts from it). */
  private loadedAt = 0;
  /** The metadata has been here: the start is an ordinary one now. */
  private aimedAtMetadata = false;

  /** The clip was just loaded: the start to prepare, or undefined if the room is paused. */
  begin(
    playback: EffectivePlayback,
    rttMs: number | undefined,
    now: number,
  ): StartPlan | undefined {
    this.plan = playback.running
      ? localStart(playback, now, localLead(0, false, rttMs))
      : undefined;
    this.loadedAt = now;
    this.aimedAtMetadata = false;
    return this.plan;
  }

  /** Whether `plan` is the load's (a load that outlasts its guess is not a miss of ours). */
  owns(plan: StartPlan): boolean {
    return plan === this.plan;
  }

  forget(): void {
    this.plan = undefined;
  }

  /** Before the metadata: sooner, if the round trip known now says so. */
  beforeMetadata(
    current: StartPlan | undefined,
    playback: EffectivePlayback,
    rttMs: number | undefined,
    now: number,
  ): StartPlan | undefined {
    const plan = this.plan;
    if (!plan || current !== plan || !playback.running || this.aimedAtMetadata) return undefined;
    return this.take(soonerLoadStart(plan, playback, this.loadedAt, rttMs, now));
  }

  /** The metadata is here (looked at once): aimed from now, by where the data is. */
  atMetadata(
    current: StartPlan | undefined,
    media: { readonly buffered: BufferedRanges; readonly duration: number },
    playback: EffectivePlayback,
    rttMs: number | undefined,
    now: number,
  ): StartPlan | undefined {
    const plan = this.plan;
    if (!plan || current !== plan || this.aimedAtMetadata) return undefined;
    this.aimedAtMetadata = true;
    if (!playback.running || playback.scheduled) return undefined;
    const isBuffered = (position: number) => bufferedAt(media.buffered, position, media.duration);
    return this.take(metadataStart(plan, playback, isBuffered, rttMs, now));
  }

  private take(plan: StartPlan | undefined): StartPlan | undefined {
    if (plan) this.plan = plan;
    return plan;
  }
}
