import { Spinner } from '../common/Spinner';
import type { StageNotice as Notice } from './stage-copy';

/** A small pill at the top of the clip while something is awaited; the clip stays visible. */
export function StageNotice({ notice }: { notice: Notice | undefined }) {
  if (!notice) return null;
  return (
    <div className="stage-notice" data-testid="stage-notice" role="status">
      {notice.busy && <Spinner />}
      <span>{notice.text}</span>
    </div>
  );
}
