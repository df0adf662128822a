import { useCallback, useEffect, useState } from 'react';
import { Chat } from './components/Chat/Chat';
import { ConnectionBanner } from './components/ConnectionBanner/ConnectionBanner';
import { Header } from './components/Header/Header';
import { Playlist } from './components/Playlist/Playlist';
import { LazyShareModal as ShareModal } from './components/ShareModal/LazyShareModal';
import { SharedLinkNotice } from './components/ShareModal/SharedLinkNotice';
import { VideoPlayer } from './components/VideoPlayer/VideoPlayer';
import type { RoomClient } from './state/room-client';
import { RoomProvider } from './state/RoomContext';
import type { ShareIntake } from './state/share-intake';
import './styles/app.css';

/**
 * The page: one room session (started by `main.tsx`, for the page's lifetime); `shareIntake`
 * when the page opened through the share target.
 */
export function App({ client, shareIntake }: { client: RoomClient; shareIntake?: ShareIntake }) {
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
        {shareIntake && <SharedLinkNotice intake={shareIntake} />}
      </div>
    </RoomProvider>
  );
}
