import { lazy, Suspense } from 'react';
import { Spinner } from '../common/Spinner';
import type { ShareModalProps } from './ShareModal';

const ShareModal = lazy(async () => ({ default: (await import('./ShareModal')).ShareModal }));

/**
 * The share dialog, loaded the first time it opens: a room's first paint does not carry it
 * (nor its QR encoder, which loads later still).
 */
export function LazyShareModal(props: ShareModalProps) {
  return (
    <Suspense
      fallback={
        <div className="share-loading" role="dialog" aria-modal="true" aria-label="Invite friends">
          <Spinner size="large" label="Opening the share dialog" />
        </div>
      }
    >
      <ShareModal {...props} />
    </Suspense>
  );
}
