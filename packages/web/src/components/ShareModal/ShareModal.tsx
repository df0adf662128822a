import { useRef } from 'react';
import { useFocusTrap } from '../../hooks/useFocusTrap';
import { roomUrl } from '../../lib/room-id';
import { Icon } from '../common/Icon';
import { QrCode } from './QrCode';
import { useCopyLink } from './useCopyLink';
import { useNativeShare } from './useNativeShare';
import './ShareModal.css';

export interface ShareModalProps {
  roomId: string;
  onClose: () => void;
}

const COPY_LABEL = { idle: 'Copy link', copied: 'Copied!', manual: 'Press Ctrl+C' } as const;

/**
 * The room's link to send to friends: copy it, scan its QR code, or hand it to the
 * system's share sheet. Focus stays inside; Escape, the close button or the backdrop close
 * it, and focus goes back to what opened it.
 */
export function ShareModal({ roomId, onClose }: ShareModalProps) {
  const link = roomUrl(window.location.origin, roomId);
  const dialogRef = useRef<HTMLDivElement>(null);
  const linkRef = useRef<HTMLTextAreaElement>(null);
  const copyRef = useRef<HTMLButtonElement>(null);
  const { state, copy } = useCopyLink(link, linkRef);
  const native = useNativeShare(link);
  // The trap takes Escape before anything else on the page (and stops it there), so the
  // dialog closes through it: a listener of its own would never hear the key.
  useFocusTrap(dialogRef, { initialFocus: copyRef, onEscape: onClose });

  return (
    <div
      className="modal-backdrop"
      onMouseDown={(event) => {
        if (event.target === event.currentTarget) onClose();
      }}
    >
      <div
        ref={dialogRef}
        className="modal share-modal"
        data-testid="share-modal"
        role="dialog"
        aria-modal="true"
        aria-labelledby="share-title"
        aria-describedby="share-lead"
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
        <p className="modal__lead" id="share-lead">
          Anyone with this link joins the room and watches along with you.
        </p>
        <div className="share-row">
          <textarea
            ref={linkRef}
            className="text-input share-link"
            data-testid="share-link"
            readOnly
            rows={1}
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
          {native.failure}
        </p>
        <div className="share-qr-row">
          <QrCode text={link} label="QR code of the room link" />
          <p className="share-qr-hint">Friends next to you can scan this with their camera.</p>
        </div>
        {native.available && (
          <button
            type="button"
            className="pill-button share-native"
            data-testid="native-share"
            onClick={() => void native.share()}
          >
            <Icon name="share" size={16} /> Share via…
          </button>
        )}
      </div>
    </div>
  );
}
