import { useLayoutEffect, useRef, type KeyboardEvent } from 'react';
import { Chat } from '../Chat/Chat';
import { Icon } from '../common/Icon';
import { Spinner } from '../common/Spinner';
import { Playlist } from '../Playlist/Playlist';
import { PeoplePanel } from './PeoplePanel';
import { SHEET_TITLES, SHEETS, type SheetName } from './sheets';
import { badgeText } from './unread';
import './RoomPanels.css';

/**
 * The queue and the chat. On a desktop they sit beside the player; on a phone they are
 * a bottom sheet (a side sheet in landscape) over the clip's lower part, one at a time,
 * with tabs to switch and a close button. Both stay mounted either way, so a draft or a
 * scroll position survives closing the sheet.
 */
export function RoomPanels({
  phone,
  sheet,
  unread,
  onSheet,
  onClose,
  ready,
}: {
  /** Whether the panels' contents may render yet (see `usePanelsReady`). */
  ready: boolean;
  phone: boolean;
  sheet: SheetName | undefined;
  unread: number;
  onSheet: (sheet: SheetName) => void;
  onClose: () => void;
}) {
  const tabsRef = useRef<HTMLDivElement>(null);
  const open = phone && sheet !== undefined;

  // Opening the sheet takes the keyboard there (its current tab); closing gives it back
  // (in the same commit: a layout effect).
  useLayoutEffect(() => {
    if (!open) return;
    const previous = document.activeElement;
    tabsRef.current?.querySelector<HTMLElement>('[aria-pressed="true"]')?.focus();
    return () => {
      if (previous instanceof HTMLElement && previous.isConnected) previous.focus();
    };
  }, [open]);

  const onKeyDown = (event: KeyboardEvent<HTMLElement>) => {
    if (open && event.key === 'Escape') {
      event.stopPropagation();
      onClose();
    }
  };

  return (
    <aside
      id="room-sheet"
      className={open ? `app-side app-side--sheet app-side--${sheet}` : 'app-side'}
      aria-label={open ? SHEET_TITLES[sheet] : 'Queue and chat'}
      data-testid="room-panels"
      aria-busy={!ready && !open}
      hidden={phone && sheet === undefined}
      onKeyDown={onKeyDown}
    >
      {open && (
        <div className="sheet-bar" ref={tabsRef}>
          <div className="sheet-tabs" role="group" aria-label="Show">
            {SHEETS.map((name) => (
              <button
                key={name}
                type="button"
                className="sheet-tab"
                data-testid={`sheet-tab-${name}`}
                aria-pressed={sheet === name}
                onClick={() => {
                  onSheet(name);
                }}
              >
                {SHEET_TITLES[name]}
                {name === 'chat' && unread > 0 && (
                  <span className="sheet-tab__badge">{badgeText(unread)}</span>
                )}
              </button>
            ))}
          </div>
          <button
            type="button"
            className="icon-button sheet-close"
            data-testid="sheet-close"
            aria-label={`Close ${SHEET_TITLES[sheet].toLowerCase()}`}
            onClick={onClose}
          >
            <Icon name="close" />
          </button>
        </div>
      )}
      {!ready && !open && !phone && (
        <p className="app-side__waiting" data-testid="panels-waiting">
          <Spinner /> Queue and chat in a moment…
        </p>
      )}
      {(ready || open) && (
        <>
          {!phone && <PeoplePanel variant="strip" />}
          <div
            className="app-side__panel app-side__panel--queue"
            hidden={phone && sheet !== 'queue'}
          >
            <Playlist />
          </div>
          <div className="app-side__panel app-side__panel--chat" hidden={phone && sheet !== 'chat'}>
            <Chat />
          </div>
        </>
      )}
      {open && sheet === 'people' && (
        <div className="app-side__panel app-side__panel--people">
          <PeoplePanel variant="sheet" />
        </div>
      )}
    </aside>
  );
}
