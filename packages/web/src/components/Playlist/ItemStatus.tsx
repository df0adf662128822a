import type { VideoItem } from '@wt/protocol';
import { useTicker } from '../../hooks/useTicker';
import { useRoomClient } from '../../state/RoomContext';
import { playabilityOf, reasonOf, STATUS_LABEL } from './item-view';

/** Seconds since the item was added (server clock), for the resolving progress. */
function useElapsed(item: VideoItem, active: boolean): number {
  const client = useRoomClient();
  useTicker(1000, active);
  const added = Date.parse(item.addedAt);
  return Number.isFinite(added) ? Math.max(0, (client.clock.now() - added) / 1000) : 0;
}

/**
 * A queue entry's state: resolving (with how long so far and a bar that fills as a
 * typical resolve would), ready, embed only (TikTok's player, synced loosely), or
 * failed with the reason (the row offers Retry).
 */
export function ItemStatus({ item }: { item: VideoItem }) {
  const status = playabilityOf(item);
  const elapsed = useElapsed(item, status === 'resolving');
  const reason = reasonOf(item);
  return (
    <span
      className={`item-status item-status--${status}`}
      data-testid="item-status"
      data-status={status}
    >
      <span className="item-status__chip">{STATUS_LABEL[status]}</span>
      {status === 'resolving' && (
        <>
          <span
            className="item-status__progress"
            role="progressbar"
            aria-label="Resolving from TikTok"
          >
            <i style={{ width: `${Math.round(100 * (1 - Math.exp(-elapsed / 4)))}%` }} />
          </span>
          <span className="item-status__text">{Math.floor(elapsed)} s</span>
        </>
      )}
      {status === 'embed-only' && (
        <span className="item-status__text">
          Plays in TikTok’s player{reason ? ` · ${reason}` : ''}
        </span>
      )}
      {status === 'failed' && (
        <span className="item-status__reason">{reason ?? 'TikTok gave no video.'}</span>
      )}
    </span>
  );
}
