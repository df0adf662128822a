import { ErrorCode, type ProtocolError } from '@wt/protocol';
import { useRef, useState } from 'react';
import { useFocusTrap } from '../../hooks/useFocusTrap';
import { useRoomClient, useRoomSelector } from '../../state/RoomContext';
import { Spinner } from '../common/Spinner';

export function asksForPassword(error: ProtocolError | undefined): boolean {
  return error?.code === ErrorCode.PASSWORD_REQUIRED || error?.code === ErrorCode.WRONG_PASSWORD;
}

/**
 * The room has a password: ask for it, then join with it. A modal dialog: the room behind
 * it is out of reach (focus stays in the prompt, Tab wraps around) until the password is
 * right, and the way out is a link home.
 */
export function PasswordPrompt({ error }: { error: ProtocolError }) {
  const client = useRoomClient();
  const joining = useRoomSelector((view) => view.status === 'joining');
  const [draft, setDraft] = useState('');
  const dialogRef = useRef<HTMLDivElement>(null);
  // The input first (Preact has no `autoFocus` of its own, and the HTML attribute is
  // honoured only once per page).
  const inputRef = useRef<HTMLInputElement>(null);
  useFocusTrap(dialogRef, { initialFocus: inputRef });
  const wrong = error.code === ErrorCode.WRONG_PASSWORD;
  return (
    <>
      <div className="password-backdrop" aria-hidden="true" />
      <div
        ref={dialogRef}
        className="password-prompt"
        data-testid="password-prompt"
        role="dialog"
        aria-modal="true"
        aria-labelledby="password-prompt-title"
      >
        <form
          className="password-prompt__form"
          onSubmit={(event) => {
            event.preventDefault();
            if (draft.length > 0) client.joinWithPassword(draft);
          }}
        >
          <h2 id="password-prompt-title">This room has a password</h2>
          <label htmlFor="join-password">Ask the host for it, then enter it here.</label>
          <div className="password-form__row">
            <input
              id="join-password"
              className="text-input"
              data-testid="join-password-input"
              type="password"
              autoComplete="current-password"
              ref={inputRef}
              maxLength={128}
              aria-invalid={wrong}
              aria-describedby={wrong ? 'join-password-error' : undefined}
              value={draft}
              onChange={(event) => {
                setDraft(event.currentTarget.value);
              }}
            />
            <button
              type="submit"
              className="accent-button"
              data-testid="join-password-submit"
              disabled={joining || draft.length === 0}
            >
              {joining ? <Spinner label="Joining" /> : 'Join'}
            </button>
          </div>
          {wrong && (
            <p className="inline-error" id="join-password-error" role="alert">
              {error.message}
            </p>
          )}
        </form>
        <a className="password-prompt__leave" href="/" data-testid="password-leave">
          Back to the home page
        </a>
      </div>
    </>
  );
}
