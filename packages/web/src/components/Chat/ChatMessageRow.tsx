import type { ChatMessage } from '@wt/protocol';
import { formatClockTime } from '../../lib/format';

export function ChatMessageRow({ message, mine }: { message: ChatMessage; mine: boolean }) {
  const time = formatClockTime(message.timestamp);
  if (message.isSystem === true) {
    return (
      <li
        className="chat-message chat-message--system"
        data-testid="chat-message"
        data-system="true"
      >
        <span className="chat-message__text">{message.text}</span>
        <time className="chat-message__time" dateTime={message.timestamp}>
          {time}
        </time>
      </li>
    );
  }
  return (
    <li
      className={mine ? 'chat-message chat-message--mine' : 'chat-message'}
      data-testid="chat-message"
    >
      <div className="chat-message__head">
        <span className="chat-message__author">{message.user}</span>
        {mine && <span className="chat-message__you">you</span>}
        <time className="chat-message__time" dateTime={message.timestamp}>
          {time}
        </time>
      </div>
      <p className="chat-message__text">{message.text}</p>
    </li>
  );
}
