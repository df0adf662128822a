import { useCallback, useEffect, useState } from 'react';
import { Chat } from './components/Chat/Chat';
import { ConnectionBanner } from './components/ConnectionBanner/ConnectionBanner';
import { Header } from './components/Header/Header';
import { Playlist } from './components/Playlist/Playlist';
import { ShareModal } from './components/ShareModal/ShareModal';
import { VideoPlayer } from './components/VideoPlayer/VideoPlayer';
import { loadDisplayName, loadUserId } from './lib/identity';
import { RoomClient } from './state/room-client';
import { RoomProvider } from './state/RoomContext';
import './styles/app.css';

/** One room session for the page's lifetime. */
export function App({ roomId }: { roomId: string }) {
  const [client] = useState(() => new RoomClient(roomId, loadUserId(), loadDisplayName()));
  const [sharing, setSharing] = useState(false);
  const closeShare = useCallback(() => {
    setSharing(false);
  }, []);

  useEffect(() => {
    client.start();
    return () => {
      client.stop();
    };
  }, [client]);

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
