import { Limits } from '@wt/protocol';
import { useState, type KeyboardEvent } from 'react';
import { useRoomClient } from '../../state/RoomContext';
import { useOnReconnect } from '../../hooks/useOnReconnect';

/** Show the counter once this close to the limit. */
const COUNTER_FROM = Limits.messageMaxLength - 100;

export function useChatComposer() {
  const client = useRoomClient();
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  const [sending, setSending] = useState(false);
  // "Not connected to the server" and the like are stale once the link is back.
  useOnReconnect(() => {
    setError(undefined);
  });
  const length = draft.trim().length;
  const tooLong = length > Limits.messageMaxLength;

  const send = async () => {
    if (sending || length === 0) return;
    if (tooLong) {
      setError(`Messages can be at most ${Limits.messageMaxLength} characters.`);
      return;
    }
    setSending(true);
    const result = await client.sendMessage(draft);
    setSending(false);
    if (result.ok) {
      setDraft('');
      setError(undefined);
    } else {
      setError(result.error.message);
    }
  };

  return {
    draft,
    error,
    sending,
    length,
    tooLong,
    showCounter: length >= COUNTER_FROM,
    /** Over the limit, the counter says so and sending waits until the message is shorter. */
    canSend: !sending && !tooLong,
    setDraft: (value: string) => {
      setDraft(value);
      setError(undefined);
    },
    send,
    /** Enter sends, Shift+Enter starts a new line, nothing while an IME is composing. */
    onKeyDown: (event: KeyboardEvent<HTMLTextAreaElement>) => {
      if (event.key !== 'Enter' || event.shiftKey || event.isComposing) return;
      event.preventDefault();
      void send();
    },
  };
}
