import './common.css';

/** A small rotating ring; `label` is read out to screen readers. */
export function Spinner({ size = 'small', label }: { size?: 'small' | 'large'; label?: string }) {
  return (
    <span
      className={`spinner spinner--${size}`}
      role={label === undefined ? undefined : 'status'}
      aria-label={label}
      aria-hidden={label === undefined ? true : undefined}
    />
  );
}
