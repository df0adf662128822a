import { useState } from 'react';

/**
 * The system share sheet (`navigator.share`), where the browser has it. Closing the sheet
 * without choosing is not a failure; anything else is said.
 */
export function useNativeShare(link: string) {
  const [failure, setFailure] = useState<string | undefined>(undefined);
  const available = typeof navigator.share === 'function';
  const share = async () => {
    setFailure(undefined);
    try {
      await navigator.share({ title: 'Join my TikTok watch party', url: link });
    } catch (error: unknown) {
      if (error instanceof DOMException && error.name === 'AbortError') return;
      setFailure('Sharing did not work here: copy the link instead.');
    }
  };
  return { available, share, failure };
}
