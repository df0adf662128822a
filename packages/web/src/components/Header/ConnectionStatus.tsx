import type { ConnectionStatus as Status } from '../../state/room-reducer';

const LABELS: Record<Status, string> = {
  connecting: 'Connecting…',
  joining: 'Joining…',
  connected: 'Connected',
  reconnecting: 'Reconnecting…',
  failed: 'Not joined',
};

export function connectionLabel(status: Status): string {
  return LABELS[status];
}

export function ConnectionStatus({ status }: { status: Status }) {
  return (
    <span
      className={`connection-status connection-status--${status}`}
      data-testid="connection-status"
      data-status={status}
      role="status"
    >
      <span className="connection-status__dot" aria-hidden="true" />
      <span className="connection-status__label">{LABELS[status]}</span>
    </span>
  );
}
