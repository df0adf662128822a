import { useCallback, useEffect, useState } from 'react';
import { Chat } from './components/Chat/Chat';
import { ConnectionBanner } from './components/ConnectionBanner/ConnectionBanner';
import { Header } from './components/Header/Header';
import { Playlist } from './components/Playlist/Playlist';
import { ShareModal } from './components/ShareModal/ShareModal';
import { VideoPlayer } from './components/VideoPlayer/VideoPlayer';
import type { RoomClient } from './state/room-client';
import { RoomProvider } from './state/RoomContext';
import './styles/app.css';

/** The page: one room session (started by `main.tsx`, for the page's lifetime). */
export function App({ client }: { client: RoomClient }) {
  const { roomId } = client;
  const [sharing, setSharing] = useState(false);
  const closeShare = useCallback(() => {
    setSharing(false);
  }, []);

  useEffect(() => {
    document.title = `${roomId} · TikTok Watch Together`;
  }, [roomId]);

  return (
    <RoomProvider client={client}>
      <div className="app">
        <Header
          onShare={() => {
            setSharing(true);
          }}
        />
        <ConnectionBanner />
        <main className="app-main">
          <VideoPlayer />
          <aside className="app-side">
            <Playlist />
            <Chat />
          </aside>
        </main>
        {sharing && <ShareModal roomId={roomId} onClose={closeShare} />}
      </div>
    </RoomProvider>
  );
}
