/** How long a page waits before registering: a room's first seconds are its clip's start. */
const REGISTER_AFTER_MS = 10_000;

/**
 * Registers `/sw.js` (it caches the app's shell: see public/sw.js) well after the page has
 * loaded and when the browser is idle, so its install (fetching index.html and every
 * bundle) never competes with a room's join and first frames. Installing the app does not
 * need it.
 */
export function registerServiceWorker(delayMs = REGISTER_AFTER_MS): void {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
  const register = (): void => {
    navigator.serviceWorker.register('/sw.js').catch(() => {
      // Without it the app works the same, only its shell is not kept offline: nothing to
      // tell the person.
      return undefined;
    });
  };
  const later = (): void => {
    setTimeout(() => {
      if ('requestIdleCallback' in window) window.requestIdleCallback(register, { timeout: 5_000 });
      else register();
    }, delayMs);
  };
  if (document.readyState === 'complete') later();
  else window.addEventListener('load', later, { once: true });
}
