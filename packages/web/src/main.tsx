import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { pagePlayer } from './components/VideoPlayer/page-player';
import { loadDisplayName, loadUserId } from './lib/identity';
import { roomFromLocation } from './lib/route';
import { navigationTiming, pageRequestSample } from './lib/snapshot/page-clock-sample';
import { readRoomPreview } from './lib/snapshot/room-preview';
import { RoomClient } from './state/room-client';
import './styles/base.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

const roomId = roomFromLocation(window.location, window.history);

// One room session for the page's lifetime, connecting before React's first render: a
// late joiner is in the room (and its clip loading) that much sooner.
const client = new RoomClient(roomId, loadUserId(), loadDisplayName());
// The room as the server rendered this page, and the clock as the page request measured
// it: the clip loads, aimed at the room's frame, while the socket connects.
const preview = readRoomPreview(document);
if (preview) {
  client.seed(
    preview,
    pageRequestSample(preview.serverTime, navigationTiming(), performance.timeOrigin),
  );
}
// The player too, before the first render: the snapshot's clip starts loading now.
pagePlayer(client);
client.start();

createRoot(container).render(
  <StrictMode>
    <App client={client} />
  </StrictMode>,
);
