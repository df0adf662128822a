import { useRef } from 'react';
import { useFocusTrap } from '../../hooks/useFocusTrap';
import { Icon } from '../common/Icon';
import { SHORTCUTS } from './shortcuts';
import './ShortcutHelp.css';

/** The keyboard shortcuts, in a modal dialog (focus stays inside; Escape closes it). */
export function ShortcutHelp({ onClose }: { onClose: () => void }) {
  const dialogRef = useRef<HTMLDivElement>(null);
  useFocusTrap(dialogRef, { onEscape: onClose });
  return (
    <div
      className="help-backdrop"
      onMouseDown={(event) => {
        if (event.target === event.currentTarget) onClose();
      }}
    >
      <div
        ref={dialogRef}
        className="help-dialog"
        data-testid="shortcuts-dialog"
        role="dialog"
        aria-modal="true"
        aria-labelledby="shortcuts-title"
      >
        <div className="help-dialog__head">
          <h2 id="shortcuts-title">Keyboard shortcuts</h2>
          <button
            type="button"
            className="icon-button"
            data-testid="close-shortcuts"
            aria-label="Close"
            onClick={onClose}
          >
            <Icon name="close" />
          </button>
        </div>
        <dl className="help-dialog__list">
          {SHORTCUTS.map((shortcut) => (
            <div key={shortcut.action} className="help-dialog__row">
              <dt>
                {shortcut.keys.map((key, index) => (
                  <span key={key}>
                    {index > 0 && <span className="help-dialog__or"> or </span>}
                    <kbd>{key}</kbd>
                  </span>
                ))}
              </dt>
              <dd>{shortcut.action}</dd>
            </div>
          ))}
        </dl>
        <p className="help-dialog__note">Shortcuts never fire while you type in a field.</p>
      </div>
    </div>
  );
}
