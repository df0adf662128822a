import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { roomFromLocation } from './lib/route';
import './styles/base.css';

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');

const roomId = roomFromLocation(window.location, window.history);

createRoot(container).render(
  <StrictMode>
    <App roomId={roomId} />
  </StrictMode>,
);
