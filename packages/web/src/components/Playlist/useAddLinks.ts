import type { VideoItem } from '@wt/protocol';
import { useEffect, useRef, useState } from 'react';
import { useOnReconnect } from '../../hooks/useOnReconnect';
import { useRoomClient } from '../../state/RoomContext';
import { planLinks } from './pasted-links';

/** How long "Added" lines stay when every pasted link went in. */
const ADDED_FEEDBACK_MS = 5000;

/** What became of one pasted link. */
export interface LinkFeedback {
  key: number;
  url: string;
  state: 'adding' | 'added' | 'duplicate' | 'error';
  message?: string;
}

/**
 * The "add links" form: one link or several at once (one per line or separated by
 * spaces), each added in order with its own feedback. A video already in the queue is
 * flagged and only added when the person asks again ("Add anyway").
 */
export function useAddLinks(queue: readonly VideoItem[], onAdded: () => void) {
  const client = useRoomClient();
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | undefined>(undefined);
  // Batches still being added: a new paste never waits for (or is dropped behind) the last.
  const [batches, setBatches] = useState(0);
  const [feedback, setFeedback] = useState<LinkFeedback[]>([]);
  const nextKey = useRef(1);
  // "Not connected to the server" and the like are stale once the link is back.
  useOnReconnect(() => {
    setError(undefined);
    setFeedback((entries) => entries.filter((entry) => entry.state !== 'error'));
  });

  // Once every line says "Added" there is nothing left to act on: it goes after a moment.
  const settled = feedback.length > 0 && feedback.every((entry) => entry.state === 'added');
  useEffect(() => {
    if (!settled) return;
    const timer = setTimeout(() => {
      setFeedback((list) => (list.every((entry) => entry.state === 'added') ? [] : list));
    }, ADDED_FEEDBACK_MS);
    return () => {
      clearTimeout(timer);
    };
  }, [settled]);

  const update = (key: number, change: Partial<LinkFeedback>) => {
    setFeedback((list) =>
      list.map((entry) => (entry.key === key ? { ...entry, ...change } : entry)),
    );
  };

  const add = async (key: number, url: string) => {
    update(key, { state: 'adding', message: undefined });
    const result = await client.addVideo(url);
    if (result.ok) {
      update(key, { state: 'added', message: undefined });
      onAdded();
    } else {
      update(key, { state: 'error', message: result.error.message });
    }
    return result.ok;
  };

  const submit = async (event?: { preventDefault: () => void }) => {
    event?.preventDefault();
    const plan = planLinks(draft, queue);
    const [only] = plan;
    if (plan.length === 0 || (plan.length === 1 && only && !only.ok)) {
      setError(only && !only.ok ? only.message : 'Paste a TikTok link first.');
      return;
    }
    setError(undefined);
    setBatches((n) => n + 1);
    const entries: LinkFeedback[] = plan.map((link) => ({
      key: nextKey.current++,
      url: link.ok ? link.url : link.input,
      state: !link.ok ? 'error' : link.duplicate ? 'duplicate' : 'adding',
      ...(!link.ok ? { message: link.message } : {}),
      ...(link.ok && link.duplicate ? { message: 'Already in the queue.' } : {}),
    }));
    setFeedback(entries);
    setDraft('');
    let allAdded = true;
    for (const entry of entries) {
      if (entry.state !== 'adding') {
        allAdded = false;
        continue;
      }
      allAdded = (await add(entry.key, entry.url)) && allAdded;
    }
    setBatches((n) => n - 1);
    // One link that simply went in needs no report: the queue shows it.
    if (allAdded && entries.length === 1) setFeedback([]);
  };

  return {
    draft,
    error,
    adding: batches > 0,
    feedback,
    setDraft: (value: string) => {
      setDraft(value);
      setError(undefined);
    },
    /** Adds a flagged duplicate (or retries a failed link) on purpose. */
    addAnyway: (entry: LinkFeedback) => {
      void add(entry.key, entry.url);
    },
    dismiss: () => {
      setFeedback([]);
    },
    /** Errors of other queue actions (remove, play, move) share the same line. */
    showError: setError,
    submit,
  };
}
