import type { MemberSync, RoomRoles, UserInfo } from '@wt/protocol';
import type { ReactNode } from 'react';
import { initials } from './initials';
import { syncLabel } from './sync-label';
import './UserList.css';

/** A stable colour per user id, from the two brand accents and a few neighbours. */
const HUES = [349, 178, 265, 32, 200, 130] as const;
function hueOf(id: string): number {
  let hash = 0;
  for (const char of id) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return HUES[hash % HUES.length] ?? HUES[0];
}

/**
 * Who is in the room (one entry per person, however many tabs they have open), with
 * names (the initials are decoration, drawn by CSS) and how each person's player keeps
 * up with the room: a dot on the avatar, and in the column layout the same in words.
 */
export function UserList({
  users,
  selfId,
  members,
  layout = 'row',
  roles,
  actions,
  scrollable = false,
}: {
  users: readonly UserInfo[];
  selfId: string | undefined;
  members: readonly MemberSync[];
  layout?: 'row' | 'column';
  /** Who is host and co-host: a badge beside their names. */
  roles?: RoomRoles | undefined;
  /** What the host can do to a person (a menu), beside their name. */
  actions?: (user: UserInfo) => ReactNode;
  /** The list scrolls (a one-row strip): it takes the keyboard focus, so arrows scroll it. */
  scrollable?: boolean;
}) {
  return (
    <ul
      className={`user-list user-list--${layout}`}
      data-testid="user-list"
      aria-label="People in this room"
      tabIndex={scrollable ? 0 : undefined}
    >
      {users.map((user) => {
        const sync = members.find((member) => member.id === user.id);
        const label = sync ? syncLabel(sync) : undefined;
        const role =
          roles?.hostId === user.id
            ? 'Host'
            : roles?.coHostIds.includes(user.id) === true
              ? 'Co-host'
              : undefined;
        return (
          <li
            key={user.id}
            className={user.id === selfId ? 'user-chip user-chip--self' : 'user-chip'}
            data-testid="user-chip"
            title={label === undefined ? user.name : `${user.name}: ${label}`}
          >
            <span
              className="user-chip__avatar"
              style={{ backgroundColor: `hsl(${hueOf(user.id)} 80% 32%)` }}
              data-initials={initials(user.name)}
              aria-hidden="true"
            >
              {sync && (
                <span
                  className={`sync-dot sync-dot--${sync.status}`}
                  data-testid="sync-dot"
                  data-status={sync.status}
                />
              )}
            </span>
            <span className="user-chip__text">
              <span className="user-chip__name">
                {user.name}
                {user.id === selfId && <span className="user-chip__you"> (you)</span>}
                {role !== undefined && (
                  <span
                    className={`role-badge role-badge--${role === 'Host' ? 'host' : 'cohost'}`}
                    data-testid="role-badge"
                  >
                    {role}
                  </span>
                )}
              </span>
              {label !== undefined &&
                (layout === 'column' ? (
                  <span className="user-chip__sync">{label}</span>
                ) : (
                  <span className="visually-hidden">, {label}</span>
                ))}
            </span>
            {actions?.(user)}
          </li>
        );
      })}
    </ul>
  );
}
