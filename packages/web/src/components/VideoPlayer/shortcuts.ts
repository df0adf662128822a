/** What a key press asks of the player. */
export type ShortcutAction =
  'toggle' | 'seek_back' | 'seek_forward' | 'next' | 'mute' | 'fullscreen' | 'help';

/** Where the key was pressed, as far as shortcuts care. */
export type KeyTarget =
  /** A text field, a select or editable text: every key is typing. */
  | 'typing'
  /** A button, a link: Space and Enter press it. */
  | 'control'
  /** A slider: the arrows move it. */
  | 'slider'
  | 'other';

export interface KeyPress {
  key: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
  target: KeyTarget;
}

/** Seconds one arrow key moves the room's clip. */
export const SEEK_STEP_SECONDS = 5;

/** The shortcuts, as the help dialog lists them. */
export const SHORTCUTS: readonly { keys: readonly string[]; action: string }[] = [
  { keys: ['Space', 'K'], action: 'Play or pause for everyone' },
  { keys: ['←', '→'], action: `Seek back or forward ${SEEK_STEP_SECONDS} s for everyone` },
  { keys: ['N'], action: 'Next clip for everyone' },
  { keys: ['M'], action: 'Mute or unmute (only you)' },
  { keys: ['F'], action: 'Fullscreen (only you)' },
  { keys: ['?'], action: 'Show these shortcuts' },
];

const BY_KEY: Readonly<Record<string, ShortcutAction>> = {
  ' ': 'toggle',
  k: 'toggle',
  ArrowLeft: 'seek_back',
  ArrowRight: 'seek_forward',
  n: 'next',
  m: 'mute',
  f: 'fullscreen',
  '?': 'help',
};

/**
 * The player action a key press stands for, or undefined: never while typing, never
 * with Ctrl, Cmd or Alt (the browser's own shortcuts), never a key the focused control
 * uses itself (Space on a button presses it, the arrows move a slider).
 */
export function shortcutFor(press: KeyPress): ShortcutAction | undefined {
  if (press.target === 'typing' || press.ctrlKey || press.metaKey || press.altKey) return undefined;
  const key = press.key.length === 1 && press.key !== ' ' ? press.key.toLowerCase() : press.key;
  const action = BY_KEY[key];
  if (action === undefined) return undefined;
  if (press.target === 'control' && key === ' ') return undefined;
  if (press.target === 'slider' && (action === 'seek_back' || action === 'seek_forward')) {
    return undefined;
  }
  return action;
}
