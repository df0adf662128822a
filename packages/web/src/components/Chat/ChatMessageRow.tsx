import type { ActivityKind, ChatMessage } from '@wt/protocol';
import { formatClockTime, formatFullTime } from '../../lib/format';

/** The mark before an activity line, by what was done (decorative: the text says it). */
const ACTIVITY_MARKS: Record<ActivityKind, string> = {
  play: '▶',
  pause: '❚❚',
  seek: '↷',
  skip: '⏭',
  change: '⇄',
  add: '+',
  remove: '−',
  reorder: '↕',
};

function Time({ iso }: { iso: string }) {
  return (
    <time className="chat-message__time" dateTime={iso} title={formatFullTime(iso) || undefined}>
      {formatClockTime(iso)}
    </time>
  );
}

export function ChatMessageRow({ message, mine }: { message: ChatMessage; mine: boolean }) {
  if (message.activity !== undefined && message.isSystem === true) {
    const { kind } = message.activity;
    return (
      <li
        className="chat-message chat-message--activity"
        data-testid="chat-message"
        data-system="true"
        data-activity={kind}
      >
        <span className="chat-activity__mark" aria-hidden="true">
          {ACTIVITY_MARKS[kind]}
        </span>
        <span className="chat-message__text">{message.text}</span>
        <Time iso={message.timestamp} />
      </li>
    );
  }
  if (message.isSystem === true) {
    return (
      <li
        className="chat-message chat-message--system"
        data-testid="chat-message"
        data-system="true"
      >
        <span className="chat-message__text">{message.text}</span>
        <Time iso={message.timestamp} />
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
        <Time iso={message.timestamp} />
      </div>
      <p className="chat-message__text">{message.text}</p>
    </li>
  );
}
