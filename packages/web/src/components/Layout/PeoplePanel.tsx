import { isHostView } from '../../state/room-reducer';
import { useRoomSelector } from '../../state/RoomContext';
import { HostSettings } from '../Roles/HostSettings';
import { MemberMenu } from '../Roles/MemberMenu';
import '../Roles/Roles.css';
import { NameInput } from '../Header/NameInput';
import { UserList } from '../Header/UserList';

/**
 * Everyone here with their sync state, the host and co-host badges, the lock state (the
 * host's switch and password), and for the host a menu per person. On a phone a sheet, with your own name to edit
 * (a desktop has it in the header); on a desktop a strip of chips over the queue.
 */
export function PeoplePanel({ variant }: { variant: 'sheet' | 'strip' }) {
  const users = useRoomSelector((view) => view.users);
  const members = useRoomSelector((view) => view.members);
  const selfId = useRoomSelector((view) => view.self?.id);
  const roles = useRoomSelector((view) => view.roles);
  const host = useRoomSelector(isHostView);
  return (
    <section
      className={`panel people-panel people-panel--${variant}`}
      aria-labelledby="people-heading"
    >
      <header className="panel__header">
        <h2 id="people-heading">People</h2>
        <span className="panel__count">{users.length}</span>
      </header>
      {roles && <HostSettings roles={roles} host={host} />}
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
        scrollable={variant === 'strip'}
        roles={roles}
        actions={
          host && roles
            ? (user) => (user.id === selfId ? null : <MemberMenu user={user} roles={roles} />)
            : undefined
        }
      />
    </section>
  );
}
