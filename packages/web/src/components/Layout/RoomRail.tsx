import { useRoomSelector } from '../../state/RoomContext';
import { Icon, type IconName } from '../common/Icon';
import type { SheetName } from './sheets';
import { badgeText } from './unread';
import './RoomRail.css';

function RailButton(props: {
  icon: IconName;
  text: string;
  label: string;
  badge?: number;
  pressed?: boolean;
  testId: string;
  /** `data-testid` of the visible text (the people count keeps its usual id). */
  textTestId?: string;
  onClick: () => void;
}) {
  const badge = props.badge ?? 0;
  return (
    <button
      type="button"
      className="rail-button"
      data-testid={props.testId}
      aria-label={props.label}
      aria-pressed={props.pressed}
      aria-controls={props.pressed === undefined ? undefined : 'room-sheet'}
      onClick={props.onClick}
    >
      <span className="rail-button__icon">
        <Icon name={props.icon} size={24} />
        {badge > 0 && (
          <span className="rail-button__badge" data-testid={`${props.testId}-badge`}>
            {badgeText(badge)}
          </span>
        )}
      </span>
      <span className="rail-button__text" aria-hidden="true" data-testid={props.textTestId}>
        {props.text}
      </span>
    </button>
  );
}

/**
 * The phone's vertical rail over the clip's right edge (as TikTok's): people, chat with
 * its unread count, the queue and share, each one tap away.
 */
export function RoomRail({
  sheet,
  unread,
  onSheet,
  onShare,
}: {
  sheet: SheetName | undefined;
  unread: number;
  onSheet: (sheet: SheetName) => void;
  onShare: () => void;
}) {
  const people = useRoomSelector((view) => view.userCount);
  const queued = useRoomSelector((view) => view.queue.length);
  return (
    <nav className="room-rail" aria-label="Room">
      <RailButton
        icon="people"
        text={String(people)}
        label={`People: ${people}`}
        pressed={sheet === 'people'}
        testId="rail-people"
        textTestId="people-count"
        onClick={() => {
          onSheet('people');
        }}
      />
      <RailButton
        icon="chat"
        text="Chat"
        label={unread > 0 ? `Chat, ${unread} unread` : 'Chat'}
        badge={unread}
        pressed={sheet === 'chat'}
        testId="rail-chat"
        onClick={() => {
          onSheet('chat');
        }}
      />
      <RailButton
        icon="queue"
        text={String(queued)}
        label={`Queue: ${queued} ${queued === 1 ? 'clip' : 'clips'}`}
        pressed={sheet === 'queue'}
        testId="rail-queue"
        onClick={() => {
          onSheet('queue');
        }}
      />
      <RailButton
        icon="share"
        text="Share"
        label="Share the room"
        testId="share-button"
        onClick={onShare}
      />
    </nav>
  );
}
