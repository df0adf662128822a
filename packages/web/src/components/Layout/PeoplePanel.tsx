import { useRoomSelector } from '../../state/RoomContext';
import { NameInput } from '../Header/NameInput';
import { UserList } from '../Header/UserList';

/**
 * Everyone here with their sync state. On a phone a sheet, with your own name to edit
 * (a desktop has it in the header); on a desktop a strip of chips over the queue.
 */
export function PeoplePanel({ variant }: { variant: 'sheet' | 'strip' }) {
  const users = useRoomSelector((view) => view.users);
  const members = useRoomSelector((view) => view.members);
  const selfId = useRoomSelector((view) => view.self?.id);
  return (
    <section
      className={`panel people-panel people-panel--${variant}`}
      aria-labelledby="people-heading"
    >
      <header className="panel__header">
        <h2 id="people-heading">People</h2>
        <span className="panel__count">{users.length}</span>
      </header>
      {variant === 'sheet' && (
        <div className="people-panel__name">
          <NameInput />
        </div>
      )}
      <UserList
        users={users}
        selfId={selfId}
        members={members}
        layout={variant === 'sheet' ? 'column' : 'row'}
      />
    </section>
  );
}
