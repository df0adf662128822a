import type { AckResponse, RoomRoles } from '@wt/protocol';
import { useState } from 'react';
import { useRoomClient } from '../../state/RoomContext';
import { Icon } from '../common/Icon';
import { Spinner } from '../common/Spinner';

/**
 * The room's controls in the people list: whether playback and queue controls are locked
 * to the hosts (the host has a switch; everyone sees the state), and the host's room
 * password (set, change, clear).
 */
export function HostSettings({ roles, host }: { roles: RoomRoles; host: boolean }) {
  const client = useRoomClient();
  const [draft, setDraft] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | undefined>();

  const act = (request: Promise<AckResponse>, after?: () => void) => {
    setBusy(true);
    setError(undefined);
    void request.then((result) => {
      setBusy(false);
      if (result.ok) after?.();
      else setError(result.error.message);
    });
  };

  const lockText = roles.locked
    ? 'Controls locked: only hosts can play, skip or change the queue'
    : 'Controls open: everyone can play, skip and change the queue';

  if (!host) {
    return (
      <p
        className={roles.locked ? 'lock-state lock-state--locked' : 'lock-state'}
        data-testid="lock-state"
      >
        {roles.locked && <Icon name="lock" size={14} />}
        {lockText}
      </p>
    );
  }
  return (
    <div className="host-settings" data-testid="host-settings">
      <button
        type="button"
        className={roles.locked ? 'lock-switch lock-switch--on' : 'lock-switch'}
        role="switch"
        aria-checked={roles.locked}
        data-testid="lock-toggle"
        disabled={busy}
        onClick={() => {
          act(client.setLocked(!roles.locked));
        }}
      >
        <span className="lock-switch__track" aria-hidden="true" />
        <span>Lock controls to hosts</span>
      </button>
      <details className="password-settings">
        <summary data-testid="room-password-summary">
          Room password: {roles.hasPassword ? 'on' : 'off'}
        </summary>
        <form
          className="password-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (draft.length === 0) return;
            act(client.setPassword(draft), () => {
              setDraft('');
            });
          }}
        >
          <label htmlFor="room-password">
            {roles.hasPassword
              ? 'Joiners are asked for it. Change it:'
              : 'Joiners will be asked for it.'}
          </label>
          <div className="password-form__row">
            <input
              id="room-password"
              className="text-input"
              data-testid="room-password-input"
              type="password"
              autoComplete="new-password"
              maxLength={128}
              value={draft}
              onChange={(event) => {
                setDraft(event.currentTarget.value);
              }}
            />
            <button
              type="submit"
              className="pill-button"
              data-testid="room-password-set"
              disabled={busy || draft.length === 0}
            >
              {busy ? <Spinner label="Saving" /> : 'Set'}
            </button>
            {roles.hasPassword && (
              <button
                type="button"
                className="pill-button"
                data-testid="room-password-clear"
                disabled={busy}
                onClick={() => {
                  act(client.setPassword(null));
                }}
              >
                Clear
              </button>
            )}
          </div>
        </form>
      </details>
      {error !== undefined && (
        <p className="inline-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
