import { Limits } from '@wt/protocol';
import { Spinner } from '../common/Spinner';
import { useNameEditor } from './useNameEditor';

export function NameInput() {
  const editor = useNameEditor();
  return (
    <div className="name-field">
      <label className="name-field__label" htmlFor="display-name">
        You
      </label>
      <input
        id="display-name"
        className="name-field__input"
        data-testid="name-input"
        value={editor.value}
        maxLength={Limits.nameMaxLength}
        autoComplete="nickname"
        spellcheck={false}
        title="Your name in this room (Enter to save)"
        aria-invalid={editor.error !== undefined}
        onChange={(event) => {
          editor.onChange(event.currentTarget.value);
        }}
        onBlur={editor.onBlur}
        onKeyDown={editor.onKeyDown}
      />
      {editor.saving && <Spinner label="Saving name" />}
      {editor.error !== undefined && (
        <span className="name-field__error" role="alert">
          {editor.error}
        </span>
      )}
    </div>
  );
}
