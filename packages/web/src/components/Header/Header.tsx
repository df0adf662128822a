import { useRoomClient, useRoomSelector } from '../../state/RoomContext';
import { Icon } from '../common/Icon';
import { ConnectionStatus } from './ConnectionStatus';
import { NameInput } from './NameInput';
import { UserList } from './UserList';
import './Header.css';

/** Brand, room name, who is here, your name, connection state and the share button. */
export function Header({ onShare }: { onShare: () => void }) {
  const client = useRoomClient();
  const users = useRoomSelector((view) => view.users);
  const count = useRoomSelector((view) => view.userCount);
  const status = useRoomSelector((view) => view.status);
  const members = useRoomSelector((view) => view.members);
  const selfId = useRoomSelector((view) => view.self?.id);

  return (
    <header className="app-header">
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
      <div className="app-header__people">
        <span className="people-pill" title="People in this room">
          <Icon name="people" size={18} />
          <span data-testid="people-count">{count}</span>
          <span className="people-pill__label">{count === 1 ? 'person' : 'people'}</span>
        </span>
        <UserList users={users} selfId={selfId} members={members} />
      </div>
      <div className="app-header__actions">
        <NameInput />
        <ConnectionStatus status={status} />
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
    </header>
  );
}
