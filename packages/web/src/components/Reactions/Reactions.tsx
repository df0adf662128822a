import { REACTION_EMOJIS } from '@wt/protocol';
import { useCallback, useEffect, useState } from 'react';
import { useRoomClient, useRoomSelector } from '../../state/RoomContext';
import { pagePlayer } from '../VideoPlayer/page-player';
import { clipPositionOf } from './clip-position';
import { REACTION_NAMES } from './names';
import { useReactions } from './useReactions';
import './Reactions.css';

const ERROR_MS = 3_000;

/**
 * Quick reactions over the video: a column of emoji buttons, and the room's reactions
 * floating up, each at the frame it was sent at on this screen's own player.
 */
export function Reactions({ enabled }: { enabled: boolean }) {
  const client = useRoomClient();
  const users = useRoomSelector((view) => view.users);
  const preview = useRoomSelector((view) => view.preview);
  const position = useCallback(() => clipPositionOf(client, pagePlayer(client)), [client]);
  const { shown, done } = useReactions(position);
  const [error, setError] = useState<string>();
  const last = shown.at(-1);
  const nameOf = (userId: string) => users.find((user) => user.id === userId)?.name ?? 'Someone';
  const canReact = enabled && !preview;
  // A refusal (too many at once) is about that moment: it goes away by itself.
  useEffect(() => {
    if (error === undefined) return;
    const timer = setTimeout(() => {
      setError(undefined);
    }, ERROR_MS);
    return () => {
      clearTimeout(timer);
    };
  }, [error]);

  return (
    <>
      <div className="reaction-layer" aria-hidden="true">
        {shown.map((reaction) => (
          <span
            key={reaction.id}
            className="reaction-float"
            data-testid="reaction"
            data-item-id={reaction.itemId}
            data-clip-time={reaction.clipTime}
            data-shown-time={reaction.shownTime}
            style={{ left: `${8 + reaction.lane * 60}%` }}
            onAnimationEnd={() => {
              done(reaction.id);
            }}
          >
            <span className="reaction-float__emoji">{reaction.emoji}</span>
            <span className="reaction-float__name">{nameOf(reaction.userId)}</span>
          </span>
        ))}
      </div>
      <p className="visually-hidden" aria-live="polite">
        {last ? `${nameOf(last.userId)} reacted ${REACTION_NAMES[last.emoji]}` : ''}
      </p>
      {enabled && (
        <div className="reaction-bar" role="group" aria-label="React at this moment">
          {REACTION_EMOJIS.map((emoji) => (
            <button
              key={emoji}
              type="button"
              className="reaction-button"
              data-testid="reaction-button"
              aria-label={`React with ${REACTION_NAMES[emoji]}`}
              disabled={!canReact}
              title={preview ? 'Joining the room…' : undefined}
              onClick={() => {
                const here = position();
                if (!here) return;
                void client.sendReaction(emoji, here.itemId, here.time).then((result) => {
                  setError(result.ok ? undefined : result.error.message);
                });
              }}
            >
              {emoji}
            </button>
          ))}
        </div>
      )}
      {error !== undefined && (
        <p className="reaction-error" role="alert" data-testid="reaction-error">
          {error}
        </p>
      )}
    </>
  );
}
