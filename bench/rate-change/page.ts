/**
 * The page the rate changes run in: one `<video>` filling the window, as the app's stage
 * does, and `runSlots(plan)`, which plays the clip with sound (or muted) and, every slot,
 * either makes one pulse (the rate set `1 ± size`, then back to 1 after `pulseMs`) or does
 * nothing (a sham), drawn at random with the page's own seed. It samples
 * `getVideoPlaybackQuality().droppedVideoFrames` every 25 ms and returns the samples and the
 * slots, on the page's clock.
 */
export interface SlotPlan {
  seed: number;
  slots: number;
  slotMs: number;
  pulseMs: number;
  size: number;
  /** Pitch correction off only while the rate is off 1 (as the app does), or kept on. */
  pitch: 'off-while-nudging' | 'kept-on';
  muted: boolean;
}

export const SAMPLE_EVERY_MS = 25;
/** Play this long before the first slot (ms): the start is not a rate change of ours. */
const WARM_UP_MS = 3_000;

export function ratePage(clipPath: string): string {
  return `<!doctype html><html><body style="margin:0;background:#000">
<video id="v" src="${clipPath}" preload="auto" playsinline
  style="display:block;width:100vw;height:100vh;object-fit:contain"></video>
<script>
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
window.runSlots = async (plan) => {
  const el = document.getElementById('v');
  let seed = plan.seed;
  const random = () => {
    seed = (seed * 1103515245 + 12345) % 2147483648;
    return seed / 2147483648;
  };
  el.muted = plan.muted;
  el.preservesPitch = true;
  el.playbackRate = 1;
  await el.play();
  const samples = [];
  const sampler = setInterval(() => {
    samples.push([performance.now(), el.getVideoPlaybackQuality().droppedVideoFrames]);
  }, ${SAMPLE_EVERY_MS});
  await sleep(${WARM_UP_MS});
  const slots = [];
  for (let i = 0; i < plan.slots; i++) {
    const at = performance.now();
    const pulse = random() < 0.5;
    const up = random() < 0.5;
    slots.push({ at, kind: pulse ? (up ? 'up' : 'down') : 'sham' });
    if (pulse) {
      if (plan.pitch === 'off-while-nudging') el.preservesPitch = false;
      el.playbackRate = up ? 1 + plan.size : 1 - plan.size;
      await sleep(plan.pulseMs);
      el.playbackRate = 1;
      if (plan.pitch === 'off-while-nudging') el.preservesPitch = true;
    }
    await sleep(at + plan.slotMs - performance.now());
  }
  clearInterval(sampler);
  return { samples, slots, paused: el.paused };
};
</script></body></html>`;
}
