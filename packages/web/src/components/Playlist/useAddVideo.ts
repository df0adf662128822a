import { useState } from 'react';
import { useRoomClient } from '../../state/RoomContext';
import { checkTikTokLink } from './validate-link';
import { useOnReconnect } from '../../hooks/useOnReconnect';

/** The "add a link" form: draft, instant validation, the request and its answer. */
export function useAddVideo(onAdded: () => void) {
  const client = useRoomClient();
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [adding, setAdding] = useState(false);
  // "Not connected to the server" and the like are stale once the link is back.
  useOnReconnect(() => {
    setError(undefined);
  });

  const submit = async (event?: { preventDefault: () => void }) => {
    event?.preventDefault();
    if (adding) return;
    const check = checkTikTokLink(draft);
    if (!check.ok) {
      setError(check.message);
      return;
    }
    setAdding(true);
    setError(undefined);
    const result = await client.addVideo(check.url);
    setAdding(false);
    if (result.ok) {
      setDraft('');
      onAdded();
    } else {
      setError(result.error.message);
    }
  };

  return {
    draft,
    error,
    adding,
    setDraft: (value: string) => {
      setDraft(value);
      setError(undefined);
    },
    /** Errors of other queue actions (remove, play, retry) share the same line. */
    showError: setError,
    submit,
  };
}
