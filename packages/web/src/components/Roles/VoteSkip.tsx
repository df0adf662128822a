import { votesNeededFor } from './votes';
import { useState } from 'react';
import { useRoomClient, useRoomSelector } from '../../state/RoomContext';
import { Icon } from '../common/Icon';
import { Spinner } from '../common/Spinner';

/**
 * While the host keeps the controls, a member sees why theirs are off and can vote to
 * skip the clip: more than half of the people here skips it.
 */
export function LockedControlsNotice() {
  const client = useRoomClient();
  const votes = useRoomSelector((view) => view.roles?.skipVotes);
  const selfId = useRoomSelector((view) => view.self?.id);
  const people = useRoomSelector((view) => view.users.length);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const count = votes?.length ?? 0;
  const needed = votesNeededFor(people);
  const voted = selfId !== undefined && votes?.includes(selfId) === true;

  return (
    <div className="locked-notice" data-testid="locked-notice">
      <p className="locked-notice__text">
        <Icon name="lock" size={15} />
        Locked by the host
        <span className="visually-hidden">: only hosts can play, skip or change the queue</span>
      </p>
      <button
        type="button"
        className="mode-chip"
        data-testid="vote-skip"
        aria-pressed={voted}
        disabled={busy || voted}
        onClick={() => {
          setBusy(true);
          setError(undefined);
          void client.voteSkip().then((result) => {
            setBusy(false);
            if (!result.ok) setError(result.error.message);
          });
        }}
      >
        {busy && <Spinner />}
        {voted ? 'Voted to skip' : 'Vote to skip'} ({count}/{needed})
      </button>
      {error !== undefined && (
        <p className="inline-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
