import { useTicker } from '../../hooks/useTicker';
import { useRoomClient, useRoomSelector } from '../../state/RoomContext';
import './FloatingChat.css';

/** How long a line floats over the clip (its CSS animation fades it out by then). */
const SHOWN_MS = 8000;
const MAX_LINES = 3;

/**
 * The newest chat lines, floating briefly over the clip's lower third while the chat
 * itself is closed (phone), as TikTok Live shows comments.
 */
export function FloatingChat() {
  const client = useRoomClient();
  const messages = useRoomSelector((view) => view.messages);
  const now = client.clock.now();
  const recent = messages
    .slice(-MAX_LINES)
    .filter((message) => now - Date.parse(message.timestamp) < SHOWN_MS);
  // Redraw while lines are up, so each one leaves once its time is over.
  useTicker(1000, recent.length > 0);

  return (
    <ol className="floating-chat" data-testid="floating-chat" aria-label="Latest chat messages">
      {recent.map((message) => (
        <li
          key={message.id}
          className={
            message.isSystem === true
              ? 'floating-chat__line floating-chat__line--system'
              : 'floating-chat__line'
          }
          data-testid="floating-chat-line"
        >
          {message.isSystem !== true && (
            <span className="floating-chat__author">{message.user}</span>
          )}
          <span className="floating-chat__text">{message.text}</span>
        </li>
      ))}
    </ol>
  );
}
