import { useRoomClient, useRoomSelector } from '../../state/RoomContext';
import { Icon } from '../common/Icon';
import { ConnectionStatus } from './ConnectionStatus';
import { NameInput } from './NameInput';
import './Header.css';

/**
 * Brand, room name and connection state (in words). On a desktop also who is here,
 * your name and the share button; a phone has those in its rail and people sheet.
 */
export function Header({ compact, onShare }: { compact: boolean; onShare: () => void }) {
  const client = useRoomClient();
  const count = useRoomSelector((view) => view.userCount);
  const status = useRoomSelector((view) => view.status);

  return (
    <header className={compact ? 'app-header app-header--compact' : 'app-header'}>
      <div className="app-header__brand">
        <span className="logo" aria-hidden="true">
          ♪
        </span>
        <div className="app-header__titles">
          <span className="app-header__product">Watch Together</span>
          <h1 className="room-name" data-testid="room-name" title="Room name">
            {client.roomId}
          </h1>
        </div>
      </div>
      <ConnectionStatus status={status} />
      {!compact && (
        <>
          <span className="people-pill" title="People in this room">
            <Icon name="people" size={18} />
            <span data-testid="people-count">{count}</span>
            <span className="people-pill__label">{count === 1 ? 'person' : 'people'}</span>
          </span>
          <div className="app-header__actions">
            <NameInput />
            <button
              type="button"
              className="accent-button share-button"
              data-testid="share-button"
              onClick={onShare}
            >
              <Icon name="share" size={18} />
              <span>Share</span>
            </button>
          </div>
        </>
      )}
    </header>
  );
}
