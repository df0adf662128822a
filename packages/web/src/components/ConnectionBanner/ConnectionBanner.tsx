import { ErrorCode } from '@wt/protocol';
import { useRoomClient, useRoomSelector } from '../../state/RoomContext';
import { Spinner } from '../common/Spinner';
import './ConnectionBanner.css';

/**
 * A small pill under the header whenever we are not connected and in the room (the clip
 * stays in view: it keeps playing on the room's clock meanwhile).
 */
export function ConnectionBanner() {
  const client = useRoomClient();
  const status = useRoomSelector((view) => view.status);
  const error = useRoomSelector((view) => view.joinError);
  const serviceNotice = useRoomSelector((view) => view.serviceNotice);

  if (status === 'connected' && serviceNotice !== undefined) {
    return (
      <div className="connection-banner" role="status" data-testid="service-banner">
        <span>{serviceNotice}</span>
      </div>
    );
  }
  if (status === 'connected') return null;
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
