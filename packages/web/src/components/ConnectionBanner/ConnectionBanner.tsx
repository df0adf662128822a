import { ErrorCode } from '@wt/protocol';
import { useRoomClient, useRoomSelector } from '../../state/RoomContext';
import { Spinner } from '../common/Spinner';
import { asksForPassword, PasswordPrompt } from '../Roles/PasswordPrompt';
import './ConnectionBanner.css';
import '../Roles/Roles.css';

/**
 * A small pill under the header whenever we are not connected and in the room (the clip
 * stays in view: it keeps playing on the room's clock meanwhile).
 */
export function ConnectionBanner() {
  const client = useRoomClient();
  const status = useRoomSelector((view) => view.status);
  const error = useRoomSelector((view) => view.joinError);
  const serviceNotice = useRoomSelector((view) => view.serviceNotice);
  const removal = useRoomSelector((view) => view.removal);

  if (status === 'connected' && serviceNotice !== undefined) {
    return (
      <div className="connection-banner" role="status" data-testid="service-banner">
        <span>{serviceNotice}</span>
      </div>
    );
  }
  if (status === 'connected') return null;
  if ((status === 'failed' || status === 'joining') && error && asksForPassword(error)) {
    return <PasswordPrompt error={error} />;
  }
  if (status === 'failed' && removal) {
    return (
      <div
        className="connection-banner connection-banner--error"
        role="alert"
        data-testid="removed-banner"
      >
        <span>{error?.message}</span>
        {removal.reason === 'kicked' && (
          <button
            type="button"
            className="pill-button"
            onClick={() => {
              client.retryJoin();
            }}
          >
            Join again
          </button>
        )}
      </div>
    );
  }
  if (status === 'failed') {
    return (
      <div className="connection-banner connection-banner--error" role="alert">
        <span>Couldn’t join: {error?.message ?? 'unknown error'}</span>
        {error?.code === ErrorCode.PROTOCOL_MISMATCH ? (
          <button
            type="button"
            className="pill-button"
            onClick={() => {
              window.location.reload();
            }}
          >
            Reload
          </button>
        ) : (
          <button
            type="button"
            className="pill-button"
            onClick={() => {
              client.retryJoin();
            }}
          >
            Try again
          </button>
        )}
      </div>
    );
  }
  const text =
    status === 'reconnecting' ? 'Reconnecting…' : status === 'joining' ? 'Joining…' : 'Connecting…';
  return (
    <div className="connection-banner" role="status" data-testid="connection-banner">
      <Spinner />
      <span>{text}</span>
    </div>
  );
}
