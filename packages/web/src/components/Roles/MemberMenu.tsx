import type { AckResponse, RoomRoles, UserInfo } from '@wt/protocol';
import { useEffect, useRef, useState } from 'react';
import { useRoomClient } from '../../state/RoomContext';

/** Places the open list under its button (above it when there is no room below). */
function place(list: HTMLElement, toggle: HTMLElement): void {
  const rect = toggle.getBoundingClientRect();
  const { offsetWidth: width, offsetHeight: height } = list;
  const below = rect.bottom + 4;
  const top = below + height > window.innerHeight - 8 ? rect.top - 4 - height : below;
  const left = Math.max(8, Math.min(rect.right - width, window.innerWidth - width - 8));
  list.style.top = `${String(Math.max(8, top))}px`;
  list.style.left = `${String(left)}px`;
}

/**
 * The host's actions on one person: make (or unmake) co-host, make host, kick, ban. The
 * list is a popover (the top layer: never clipped by a panel or sheet; Escape and a tap
 * elsewhere close it). Refusals show in the list.
 */
export function MemberMenu({ user, roles }: { user: UserInfo; roles: RoomRoles }) {
  const client = useRoomClient();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const listRef = useRef<HTMLDivElement>(null);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const coHost = roles.coHostIds.includes(user.id);
  const menuId = `member-menu-${user.id}`;

  useEffect(() => {
    const list = listRef.current;
    if (!list) return undefined;
    const onToggle = () => {
      const opened = list.matches(':popover-open');
      setOpen(opened);
      if (opened && toggleRef.current) place(list, toggleRef.current);
    };
    list.addEventListener('toggle', onToggle);
    return () => {
      list.removeEventListener('toggle', onToggle);
    };
  }, []);

  const act = (request: Promise<AckResponse>) => {
    setError(undefined);
    void request.then((result) => {
      if (result.ok) listRef.current?.hidePopover();
      else setError(result.error.message);
    });
  };

  return (
    <>
      <button
        ref={toggleRef}
        type="button"
        className="icon-button member-menu__toggle"
        data-testid="member-menu-toggle"
        aria-label={`Actions for ${user.name}`}
        aria-expanded={open}
        aria-controls={menuId}
        popoverTarget={menuId}
      >
        <span aria-hidden="true">⋯</span>
      </button>
      <div
        ref={listRef}
        className="member-menu__list"
        id={menuId}
        popover="auto"
        data-testid="member-menu"
        aria-label={`Actions for ${user.name}`}
      >
        <button
          type="button"
          data-testid="member-cohost"
          onClick={() => {
            act(client.setCoHost(user.id, !coHost));
          }}
        >
          {coHost ? 'Remove co-host' : 'Make co-host'}
        </button>
        <button
          type="button"
          data-testid="member-make-host"
          onClick={() => {
            act(client.transferHost(user.id));
          }}
        >
          Make host
        </button>
        <button
          type="button"
          className="member-menu__danger"
          data-testid="member-kick"
          onClick={() => {
            act(client.kick(user.id, false));
          }}
        >
          Remove from room
        </button>
        <button
          type="button"
          className="member-menu__danger"
          data-testid="member-ban"
          onClick={() => {
            act(client.kick(user.id, true));
          }}
        >
          Ban from room
        </button>
        {error !== undefined && (
          <p className="inline-error" role="alert">
            {error}
          </p>
        )}
      </div>
    </>
  );
}
