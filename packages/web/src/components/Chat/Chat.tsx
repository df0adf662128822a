import { Limits } from '@wt/protocol';
import { useRef } from 'react';
import { useRoomSelector } from '../../state/RoomContext';
import { Icon } from '../common/Icon';
import { Spinner } from '../common/Spinner';
import { ChatMessageRow } from './ChatMessageRow';
import { useChatComposer } from './useChatComposer';
import { useStickToBottom } from './useStickToBottom';
import './Chat.css';

/** The room's chat: history (system lines included), and the composer. */
export function Chat() {
  const messages = useRoomSelector((view) => view.messages);
  const selfId = useRoomSelector((view) => view.self?.id);
  const composer = useChatComposer();
  const last = messages.at(-1);
  const lastIsMine = last !== undefined && last.userId !== undefined && last.userId === selfId;
  const listRef = useRef<HTMLOListElement>(null);
  const scroll = useStickToBottom(listRef, last?.id, lastIsMine);

  return (
    <section className="panel chat" aria-labelledby="chat-heading">
      <header className="panel__header">
        <h2 id="chat-heading">Chat</h2>
      </header>
      <div className="chat-scroll">
        <ol
          className="chat-messages"
          ref={listRef}
          onScroll={scroll.onScroll}
          aria-live="polite"
          aria-label="Messages"
          tabIndex={0}
        >
          {messages.length === 0 && <li className="panel__empty">No messages yet. Say hi 👋</li>}
          {messages.map((message) => (
            <ChatMessageRow
              key={message.id}
              message={message}
              mine={message.userId !== undefined && message.userId === selfId}
            />
          ))}
        </ol>
        {scroll.awayFromBottom && (
          <button type="button" className="pill-button chat-jump" onClick={scroll.jumpToLatest}>
            Jump to latest ↓
          </button>
        )}
      </div>
      <form
        className="chat-form"
        onSubmit={(event) => {
          event.preventDefault();
          void composer.send();
        }}
      >
        <textarea
          className="text-input chat-input"
          data-testid="chat-input"
          rows={1}
          placeholder="Say something…"
          aria-label="Chat message"
          aria-invalid={composer.tooLong || composer.error !== undefined}
          value={composer.draft}
          onChange={(event) => {
            composer.setDraft(event.currentTarget.value);
          }}
          onKeyDown={composer.onKeyDown}
        />
        <button
          type="submit"
          className="accent-button chat-send"
          data-testid="chat-send"
          aria-label="Send"
          disabled={!composer.canSend}
        >
          {composer.sending ? <Spinner label="Sending" /> : <Icon name="send" size={18} />}
        </button>
      </form>
      <div className="chat-footer">
        {composer.error !== undefined && (
          <p className="inline-error" data-testid="chat-error" role="alert">
            {composer.error}
          </p>
        )}
        {composer.showCounter && (
          <span
            className={composer.tooLong ? 'chat-counter chat-counter--over' : 'chat-counter'}
            data-testid="chat-counter"
            aria-live="polite"
          >
            {composer.length}/{Limits.messageMaxLength}
            {composer.tooLong &&
              ` · ${composer.length - Limits.messageMaxLength} over the limit, shorten it to send`}
          </span>
        )}
      </div>
    </section>
  );
}
