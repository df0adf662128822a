import { useEffect, useEffectEvent, useRef } from 'react';
import { roomUrl } from '../../lib/room-id';
import { Icon } from '../common/Icon';
import { useCopyLink } from './useCopyLink';
import './ShareModal.css';

export interface ShareModalProps {
  roomId: string;
  onClose: () => void;
}

const COPY_LABEL = { idle: 'Copy link', copied: 'Copied!', manual: 'Press Ctrl+C' } as const;

/** The room's link to send to friends. Escape, the close button or the backdrop close it. */
export function ShareModal({ roomId, onClose }: ShareModalProps) {
  const link = roomUrl(window.location.origin, roomId);
  const inputRef = useRef<HTMLInputElement>(null);
  const copyRef = useRef<HTMLButtonElement>(null);
  const { state, copy } = useCopyLink(link, inputRef);
  const canShare = 'share' in navigator;

  const close = useEffectEvent(onClose);

  useEffect(() => {
    const previous = document.activeElement;
    copyRef.current?.focus();
    const onKey = (event: KeyboardEvent) => {
      if (event.key === 'Escape') close();
    };
    document.addEventListener('keydown', onKey);
    return () => {
      document.removeEventListener('keydown', onKey);
      if (previous instanceof HTMLElement) previous.focus();
    };
  }, []);

  return (
    <div
      className="modal-backdrop"
      onMouseDown={(event) => {
        if (event.target === event.currentTarget) onClose();
      }}
    >
      <div
        className="modal share-modal"
        data-testid="share-modal"
        role="dialog"
        aria-modal="true"
        aria-labelledby="share-title"
      >
        <button
          type="button"
          className="icon-button modal__close"
          data-testid="close-share"
          aria-label="Close"
          onClick={onClose}
        >
          <Icon name="close" />
        </button>
        <h2 id="share-title">Invite friends</h2>
        <p className="modal__lead">
          Anyone with this link joins the room and watches along with you.
        </p>
        <div className="share-row">
          <input
            ref={inputRef}
            className="text-input share-link"
            data-testid="share-link"
            readOnly
            value={link}
            aria-label="Room link"
            onFocus={(event) => {
              event.currentTarget.select();
            }}
          />
          <button
            ref={copyRef}
            type="button"
            className={state === 'copied' ? 'accent-button accent-button--done' : 'accent-button'}
            data-testid="copy-link"
            onClick={() => void copy()}
          >
            {COPY_LABEL[state]}
          </button>
        </div>
        <p className="share-status" role="status">
          {state === 'copied' && 'The link is on your clipboard.'}
          {state === 'manual' && 'Copying is blocked here: the link is selected, copy it yourself.'}
        </p>
        {canShare && (
          <button
            type="button"
            className="pill-button"
            onClick={() => {
              navigator.share({ title: 'Watch TikToks with me', url: link }).catch(() => undefined);
            }}
          >
            <Icon name="share" size={16} /> Share via…
          </button>
        )}
      </div>
    </div>
  );
}
