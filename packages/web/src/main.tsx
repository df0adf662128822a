import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { loadDisplayName, loadUserId } from './lib/identity';
import { roomFromLocation } from './lib/route';
import { RoomClient } from './state/room-client';
import './styles/base.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

const roomId = roomFromLocation(window.location, window.history);

// One room session for the page's lifetime, connecting before React's first render: a
// late joiner is in the room (and its clip loading) that much sooner.
const client = new RoomClient(roomId, loadUserId(), loadDisplayName());
client.start();

createRoot(container).render(
  <StrictMode>
    <App client={client} />
  </StrictMode>,
);
