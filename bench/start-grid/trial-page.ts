/**
 * The page the trials run in: two `<video>` elements holding the clip (the app's two), and
 * `startTrial(sound)` (`'on'`, `'muted'` or `'volume0'`), which arms one as the app does (seek, `play()` at rate 0), sets
 * rate 1 at a random moment, samples its `currentTime` against `performance.now()` for
 * 400 ms and returns when the element's steady line began: `start` (a median over the
 * samples from 200 ms on, when the line is straight) and `rateSetAt`, both on the page's
 * clock. The elements take turns, the other paused, as at a switch. `muteTrial(by)`
 * measures how far muting and unmuting a playing element moves it. `probe()` is the app's
 * grid probe (`grid-probe.ts`: a start at volume 1e-4) and `aimedStart(...)` a start
 * released at a given moment from a given position, as the app's aimed switch is.
 */
export const TRIAL_POSITION_S = 1;
const FIT_FROM_MS = 200;
const SAMPLE_FOR_MS = 400;
/** A line is read over this long (ms), this long after a change (ms). */
const LINE_MS = 150;
const SETTLE_MS = 250;

export function trialPage(clipPath: string): string {
  return `<!doctype html><html><body>
<video id="v0" src="${clipPath}" preload="auto" playsinline></video>
<video id="v1" src="${clipPath}" preload="auto" playsinline></video>
<script>
let turn = 0;
const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
window.startTrial = async (sound) => {
  const el = document.getElementById('v' + (turn++ % 2));
  el.muted = sound === 'muted';
  el.volume = sound === 'volume0' ? 0 : 1;
  el.playbackRate = 1;
  el.currentTime = ${TRIAL_POSITION_S};
  await new Promise((resolve) => el.addEventListener('seeked', resolve, { once: true }));
  el.playbackRate = 0;
  await el.play();
  await sleep(300 + Math.random() * 50);
  const rateSetAt = performance.now();
  el.playbackRate = 1;
  const starts = [];
  while (performance.now() < rateSetAt + ${SAMPLE_FOR_MS}) {
    const now = performance.now();
    const moved = (el.currentTime - ${TRIAL_POSITION_S}) * 1000;
    if (now > rateSetAt + ${FIT_FROM_MS} && moved > 0) starts.push(now - moved);
    await sleep(0);
  }
  el.pause();
  starts.sort((a, b) => a - b);
  return { rateSetAt, start: starts[Math.floor(starts.length / 2)] ?? null };
};
const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? null;
};
// The app's probe: armed at volume 1e-4 for 40-120 ms, rate 1, six readings 20 ms apart
// from 130 ms on; the element is then paused on its frame again.
window.probe = async () => {
  const el = document.getElementById('v1');
  el.playbackRate = 0;
  el.currentTime = ${TRIAL_POSITION_S};
  await new Promise((resolve) => el.addEventListener('seeked', resolve, { once: true }));
  el.volume = 1e-4;
  el.muted = false;
  await el.play();
  await sleep(40 + Math.random() * 80);
  const releasedAt = performance.now();
  el.playbackRate = 1;
  await sleep(130);
  const origins = [];
  for (let i = 0; i < 6; i++) {
    origins.push(performance.now() - (el.currentTime - ${TRIAL_POSITION_S}) * 1000);
    await sleep(20);
  }
  el.pause();
  el.muted = true;
  el.volume = 1;
  return { releasedAt, origins, now: performance.now() };
};
// A start with sound from \`position\` seconds past the trial position, released at
// \`releaseAt\` (page clock): how far (ms, + = late) its line lies from one that leaves
// the trial position at \`instant\`.
window.aimedStart = async (instant, releaseAt, position) => {
  const el = document.getElementById('v1');
  el.playbackRate = 0;
  el.currentTime = ${TRIAL_POSITION_S} + position;
  await new Promise((resolve) => el.addEventListener('seeked', resolve, { once: true }));
  el.volume = 1;
  el.muted = false;
  await el.play();
  while (performance.now() < releaseAt - 6) await sleep(2);
  while (performance.now() < releaseAt) {}
  const late = performance.now() - releaseAt;
  el.playbackRate = 1;
  const lines = [];
  while (performance.now() < instant + 350) {
    const now = performance.now();
    if (now > instant + 200) lines.push(now - (el.currentTime - ${TRIAL_POSITION_S}) * 1000);
    await sleep(0);
  }
  el.pause();
  el.muted = true;
  return { error: median(lines) - instant, late, now: performance.now() };
};
// Where a playing element's line lies (ms, page clock minus media time; a median).
const lineOf = async (el, forMs) => {
  const offsets = [];
  const end = performance.now() + forMs;
  while (performance.now() < end) {
    offsets.push(performance.now() - el.currentTime * 1000);
    await sleep(0);
  }
  offsets.sort((a, b) => a - b);
  return offsets[Math.floor(offsets.length / 2)];
};
// Plays with sound, silences the element (by muted, or by a volume of 1e-4), then brings
// the sound back: how far each change moved the element's line (ms, + = fell behind).
window.muteTrial = async (by) => {
  const el = document.getElementById('v0');
  const silence = (on) => {
    if (by === 'muted') el.muted = on;
    else el.volume = on ? 1e-4 : 1;
  };
  el.muted = false;
  el.volume = 1;
  el.playbackRate = 1;
  if (el.paused) await el.play();
  await sleep(400);
  const playing = await lineOf(el, ${LINE_MS});
  silence(true);
  await sleep(${SETTLE_MS});
  const silenced = await lineOf(el, ${LINE_MS});
  silence(false);
  await sleep(${SETTLE_MS});
  const back = await lineOf(el, ${LINE_MS});
  return { mute: silenced - playing, unmute: back - silenced };
};
</script></body></html>`;
}
