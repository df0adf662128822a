/**
 * Runs `beat` now and then every `everyMs` until the returned stop is called: how a process
 * says it is alive through a key with a TTL (presence, shared connection counts). The first
 * beat's failure is the caller's (start-up fails); a later one is handed to `failed` and
 * the next beat tries again. The timer never keeps the process alive.
 */
export async function keepBeating(
  beat: () => Promise<void>,
  everyMs: number,
  failed: (error: unknown) => void,
): Promise<() => void> {
  await beat();
  const timer = setInterval(() => {
    beat().catch(failed);
  }, everyMs);
  timer.unref();
  return () => {
    clearInterval(timer);
  };
}
