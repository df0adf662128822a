import { useEffect, useState, useSyncExternalStore } from 'react';
import type { ShareIntake, ShareIntakeState } from '../../state/share-intake';
import { Icon } from '../common/Icon';
import { Spinner } from '../common/Spinner';
import './SharedLinkNotice.css';

const ADDED_SHOWN_MS = 5_000;

function message(state: ShareIntakeState): string {
  switch (state.status) {
    case 'adding':
      return 'Adding the shared clip to the queue…';
    case 'added':
      return 'The shared clip is in the queue.';
    case 'failed':
      return `The shared clip could not be added: ${state.message}`;
    case 'no-link':
      return 'What you shared had no TikTok video link in it.';
  }
}

/** How the link shared into the app (Web Share Target) fared; the person can close it. */
export function SharedLinkNotice({ intake }: { intake: ShareIntake }) {
  const state = useSyncExternalStore(intake.subscribe, intake.getSnapshot);
  const [closed, setClosed] = useState(false);
  // Success needs no answer: it goes after a while, off the player's controls. A problem stays.
  useEffect(() => {
    if (state.status !== 'added') return;
    const timer = setTimeout(() => {
      setClosed(true);
    }, ADDED_SHOWN_MS);
    return () => {
      clearTimeout(timer);
    };
  }, [state.status]);
  if (closed) return null;
  const failed = state.status === 'failed' || state.status === 'no-link';
  return (
    <div
      className={failed ? 'shared-notice shared-notice--failed' : 'shared-notice'}
      data-testid="shared-link-notice"
      data-status={state.status}
      role="status"
    >
      {state.status === 'adding' && <Spinner />}
      <p>{message(state)}</p>
      <button
        type="button"
        className="icon-button"
        aria-label="Close this notice"
        onClick={() => {
          setClosed(true);
        }}
      >
        <Icon name="close" size={16} />
      </button>
    </div>
  );
}
