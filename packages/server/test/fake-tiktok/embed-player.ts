/**
 * The Embed Player (`https://www.tiktok.com/player/v1/ID`) as tiktok-reference.md section 4
 * describes its postMessage API: a page with one `<video>` (the clip, from
 * `embedMediaPath`) that a host frame drives with `{"x-tiktok-player": true, type, value}`
 * (`play`, `pause`, `seekTo`, `mute`, `unMute`) and that reports `onPlayerReady`,
 * `onStateChange` (-1 init, 0 ended, 1 playing, 2 paused, 3 buffering), `onCurrentTime`
 * `{currentTime, duration}` (every 250 ms while playing, and after each seek), `onMute` and
 * `onPlayerError` `{errorCode: 3002}` when the browser refuses `play`. It sends nothing
 * before it is ready and ignores what is not a player command.
 *
 * For tests, the frame keeps `window.__embed`: the commands it received (`commands`, each with
 * its `Date.now()`), its `<video>`, and `drift(seconds)`, which moves the clip as a
 * stall or a user's tap on TikTok's own controls would.
 */
export const embedMediaPath = (id: string): string => `/player/v1/${id}/media.mp4`;

const REPORT_EVERY_MS = 250;

function playerScript(reportEveryMs: number): string {
  return `
(() => {
  const video = document.querySelector('video');
  const commands = [];
  let ready = false;
  const post = (type, value) => {
    const message = value === undefined
      ? { 'x-tiktok-player': true, type }
      : { 'x-tiktok-player': true, type, value };
    window.parent.postMessage(message, '*');
  };
  const reportTime = () => {
    if (ready) post('onCurrentTime', { currentTime: video.currentTime, duration: video.duration });
  };
  const state = (value) => { if (ready) post('onStateChange', value); };
  video.addEventListener('loadedmetadata', () => {
    ready = true;
    post('onPlayerReady');
    state(-1);
    reportTime();
  }, { once: true });
  video.addEventListener('playing', () => state(1));
  video.addEventListener('pause', () => state(2));
  video.addEventListener('waiting', () => state(3));
  video.addEventListener('ended', () => state(0));
  video.addEventListener('seeked', reportTime);
  setInterval(() => { if (!video.paused) reportTime(); }, ${reportEveryMs});
  window.addEventListener('message', (event) => {
    let data = event.data;
    if (typeof data === 'string') { try { data = JSON.parse(data); } catch { return; } }
    if (!ready || data === null || typeof data !== 'object' || data['x-tiktok-player'] !== true) return;
    commands.push({ type: data.type, value: data.value, at: Date.now() });
    switch (data.type) {
      case 'play':
        video.play().catch(() => post('onPlayerError', { errorCode: 3002, errorType: 'autoplay' }));
        break;
      case 'pause': video.pause(); break;
      case 'seekTo': if (typeof data.value === 'number') video.currentTime = data.value; break;
      case 'mute': video.muted = true; post('onMute', true); break;
      case 'unMute': video.muted = false; post('onMute', false); break;
    }
  });
  window.__embed = { commands, video, drift: (seconds) => { video.currentTime += seconds; } };
})();`;
}

/** The Embed Player page of one video (`autoplay=0`: it waits for its host's `play`). */
export function embedPlayerPage(id: string): string {
  return [
    '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>TikTok</title>',
    '<style>html,body{margin:0;height:100%;background:#000}video{width:100%;height:100%}</style>',
    '</head><body>',
    `<video src="${embedMediaPath(id)}" playsinline preload="auto"></video>`,
    `<script>${playerScript(REPORT_EVERY_MS)}</script>`,
    '</body></html>',
  ].join('');
}
