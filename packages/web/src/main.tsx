import { options } from 'preact';
import { StrictMode, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { pagePlayer } from './components/VideoPlayer/page-player';
import { loadDisplayName, loadUserId } from './lib/identity';
import { lastRoom, rememberRoom } from './lib/recent-rooms';
import { freshRoomId, routeOf, showRoomInAddressBar } from './lib/route';
import { registerServiceWorker } from './lib/service-worker';
import { sharedTikTokLink } from './lib/shared-link';
import { readRoomPreview } from './lib/snapshot/room-preview';
import { watchResponseClock } from './lib/response-clock';
import { RoomClient } from './state/room-client';
import { ShareIntake } from './state/share-intake';
import './styles/base.css';

// Passive effects (`useEffect`) run in the task right after their commit, as React runs them,
// not after the next frame as Preact does by default: the app is written for React's timing,
// and a busy page's next frame can be hundreds of ms away (a late joiner's clip waiting on it).
options.requestAnimationFrame = (callback) => {
  setTimeout(callback, 0);
};

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
const root = createRoot(container);
const render = (page: ReactNode): void => {
  root.render(<StrictMode>{page}</StrictMode>);
};

/** How long the page's own responses feed its clock (ms): its first seconds. */
const RESPONSE_CLOCK_MS = 10_000;

/** A room's page: `sharedLink` (from the share target) goes into its queue once joined. */
function startRoom(roomId: string, share?: { link: string | undefined }): void {
  rememberRoom(roomId, Date.now());
  // One room session for the page's lifetime, connecting before React's first render: a
  // late joiner is in the room (and its clip loading) that much sooner.
  const client = new RoomClient(roomId, loadUserId(), loadDisplayName());
  // The clock as the page's own responses measured it (the page, this script: see
  // `lib/response-clock`), and the room as the server rendered this page: the clip
  // loads, aimed at the room's frame, while the socket connects.
  watchResponseClock((sample) => {
    client.clockSample(sample);
  }, RESPONSE_CLOCK_MS);
  const preview = readRoomPreview(document);
  if (preview) client.seed(preview);
  // The player too, before the first render: the snapshot's clip starts loading now.
  pagePlayer(client);
  client.start();
  const intake = share ? new ShareIntake(client, share.link) : undefined;
  // The first render in a task of its own (as React's root did; Preact renders at once):
  // the clip's media request, which the element makes only after this task, goes out
  // before the whole page is rendered, not after it.
  setTimeout(() => {
    render(<App client={client} shareIntake={intake} />);
  }, 0);
}

/** The pages outside a room load their own code: a room's first paint does not carry it. */
function showPage(load: () => Promise<ReactNode>): void {
  load().then(render, (error: unknown) => {
    const text = error instanceof Error ? error.message : String(error);
    render(<p role="alert">This page could not load ({text}). Reload to try again.</p>);
  });
}

const route = routeOf(window.location.pathname, window.location.search);
switch (route.kind) {
  case 'room':
    startRoom(route.roomId);
    break;
  case 'new': {
    const roomId = freshRoomId();
    showRoomInAddressBar(roomId, window.location, window.history, true);
    startRoom(roomId);
    break;
  }
  case 'share': {
    // A clip shared from another app (the PWA's share target) joins the room last open here.
    const roomId = lastRoom() ?? freshRoomId();
    showRoomInAddressBar(roomId, window.location, window.history, false);
    startRoom(roomId, { link: sharedTikTokLink(route.params) });
    break;
  }
  case 'home':
    showPage(async () => {
      const { HomePage } = await import('./components/Home/HomePage');
      return <HomePage now={Date.now()} />;
    });
    break;
  case 'bad-link':
    showPage(async () => {
      const { BadLinkPage } = await import('./components/Home/BadLinkPage');
      return <BadLinkPage path={decodedPath(window.location.pathname)} />;
    });
    break;
}

function decodedPath(pathname: string): string {
  try {
    return decodeURIComponent(pathname);
  } catch {
    return pathname; // Not valid percent-encoding: show it as typed.
  }
}

// A room registers the service worker after its first seconds; other pages at once.
registerServiceWorker(route.kind === 'home' || route.kind === 'bad-link' ? 0 : undefined);
