import type { AckResponse, RoomRoles, UserInfo } from '@wt/protocol';
import { useEffect, useRef, useState } from 'react';
import { useRoomClient } from '../../state/RoomContext';

/**
 * The host's actions on one person: make (or unmake) co-host, make host, kick, ban. A
 * button opens a small list under it; Escape or a click elsewhere closes it. Refusals
 * show in the list.
 */
export function MemberMenu({ user, roles }: { user: UserInfo; roles: RoomRoles }) {
  const client = useRoomClient();
  const [open, setOpen] = useState(false);
  const [error, setError] = useState<string | undefined>();
  const rootRef = useRef<HTMLDivElement>(null);
  const coHost = roles.coHostIds.includes(user.id);

  useEffect(() => {
    if (!open) return undefined;
    const close = (event: Event) => {
      if (event instanceof KeyboardEvent && event.key !== 'Escape') return;
      if (event.target instanceof Node && rootRef.current?.contains(event.target) === true) {
        if (event.type === 'pointerdown') return;
      }
      setOpen(false);
    };
    document.addEventListener('pointerdown', close);
    document.addEventListener('keydown', close);
    return () => {
      document.removeEventListener('pointerdown', close);
      document.removeEventListener('keydown', close);
    };
  }, [open]);

  const act = (request: Promise<AckResponse>) => {
    setError(undefined);
    void request.then((result) => {
      if (result.ok) setOpen(false);
      else setError(result.error.message);
    });
  };
  const menuId = `member-menu-${user.id}`;

  return (
    <div className="member-menu" ref={rootRef}>
      <button
        type="button"
        className="icon-button member-menu__toggle"
        data-testid="member-menu-toggle"
        aria-label={`Actions for ${user.name}`}
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => {
          setOpen((value) => !value);
        }}
      >
        <span aria-hidden="true">⋯</span>
      </button>
      {open && (
        <div className="member-menu__list" id={menuId} data-testid="member-menu">
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
      )}
    </div>
  );
}
