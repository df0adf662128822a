import { SEEK_STEP_SECONDS, type ShortcutAction } from './shortcuts';
import { useShortcuts } from './useShortcuts';

/** The player's keyboard shortcuts, wired to its commands (see `shortcuts.ts`). */
export function usePlayerShortcuts({
  disabled,
  controls,
  next,
  toggleMute,
  toggleFullscreen,
  openHelp,
}: {
  /** No clip, or not joined yet: the room commands wait. */
  disabled: boolean;
  controls: { toggle: () => void; seekBy: (seconds: number) => void };
  next: () => void;
  toggleMute: () => void;
  toggleFullscreen: () => void;
  openHelp: () => void;
}): void {
  useShortcuts((action: ShortcutAction) => {
    switch (action) {
      case 'toggle':
        if (!disabled) controls.toggle();
        return;
      case 'seek_back':
      case 'seek_forward':
        if (!disabled) {
          controls.seekBy(action === 'seek_back' ? -SEEK_STEP_SECONDS : SEEK_STEP_SECONDS);
        }
        return;
      case 'next':
        next();
        return;
      case 'mute':
        toggleMute();
        return;
      case 'fullscreen':
        toggleFullscreen();
        return;
      case 'help':
        openHelp();
        return;
    }
  });
}
