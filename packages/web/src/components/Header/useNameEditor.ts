import { useState, type KeyboardEvent } from 'react';
import { cleanDisplayName } from '../../lib/display-name';
import { useRoomClient, useRoomSelector } from '../../state/RoomContext';
import { useOnReconnect } from '../../hooks/useOnReconnect';

/**
 * The editable display name: a local draft while typing, saved with `set_name` on
 * Enter or blur, put back on Escape or when the server refuses it.
 */
export function useNameEditor() {
  const client = useRoomClient();
  const serverName = useRoomSelector((view) => view.self?.name);
  const saved = serverName ?? client.displayName;
  const [draft, setDraft] = useState<string | undefined>(undefined);
  const [error, setError] = useState<string | undefined>(undefined);
  const [saving, setSaving] = useState(false);
  // "Not connected to the server" and the like are stale once the link is back.
  useOnReconnect(() => {
    setError(undefined);
  });

  const save = async () => {
    if (draft === undefined) return;
    const name = cleanDisplayName(draft);
    if (name === undefined) {
      setError('Names are 1 to 32 characters.');
      setDraft(undefined);
      return;
    }
    if (name === saved) {
      setDraft(undefined);
      return;
    }
    setSaving(true);
    const result = await client.setName(name);
    setSaving(false);
    setDraft(undefined);
    setError(result.ok ? undefined : result.error.message);
  };

  return {
    value: draft ?? saved,
    error,
    saving,
    onChange: (value: string) => {
      setDraft(value);
      setError(undefined);
    },
    onBlur: () => void save(),
    onKeyDown: (event: KeyboardEvent<HTMLInputElement>) => {
      if (event.key === 'Enter') {
        event.preventDefault();
        event.currentTarget.blur();
      } else if (event.key === 'Escape') {
        setDraft(undefined);
        setError(undefined);
        event.currentTarget.blur();
      }
    },
  };
}
