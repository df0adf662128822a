import { useCallback, useEffect, useState } from 'react';
import { ConnectionBanner } from './components/ConnectionBanner/ConnectionBanner';
import { Header } from './components/Header/Header';
import { FloatingChat } from './components/Layout/FloatingChat';
import { RoomPanels } from './components/Layout/RoomPanels';
import { RoomRail } from './components/Layout/RoomRail';
import type { SheetName } from './components/Layout/sheets';
import { usePanelsReady } from './components/Layout/usePanelsReady';
import { useUnreadChat } from './components/Layout/useUnreadChat';
import { LazyShareModal as ShareModal } from './components/ShareModal/LazyShareModal';
import { SharedLinkNotice } from './components/ShareModal/SharedLinkNotice';
import { pagePlayer } from './components/VideoPlayer/page-player';
import { VideoPlayer } from './components/VideoPlayer/VideoPlayer';
import { useMediaQuery } from './hooks/useMediaQuery';
import type { RoomClient } from './state/room-client';
import { RoomProvider } from './state/RoomContext';
import type { ShareIntake } from './state/share-intake';
import './styles/app.css';

/** A phone, upright or on its side: the clip fills the screen, the rest is one tap away. */
const PHONE_QUERY = '(max-width: 760px), (max-height: 500px)';

/**
 * The page: one room session (started by `main.tsx`, for the page's lifetime). The tree
 * is the same in every layout (the player never remounts when a phone turns); the
 * layout is CSS, chosen by the classes on `.app`. `shareIntake` when the page opened
 * through the share target.
 */
export function App({ client, shareIntake }: { client: RoomClient; shareIntake?: ShareIntake }) {
  return (
    <RoomProvider client={client}>
      <Room client={client} shareIntake={shareIntake} />
    </RoomProvider>
  );
}

function Room({
  client,
  shareIntake,
}: {
  client: RoomClient;
  shareIntake: ShareIntake | undefined;
}) {
  const { roomId } = client;
  const phone = useMediaQuery(PHONE_QUERY);
  const panelsReady = usePanelsReady(pagePlayer(client).engine);
  const [sharing, setSharing] = useState(false);
  const [sheet, setSheet] = useState<SheetName | undefined>(undefined);
  const [theatre, setTheatre] = useState(false);
  const chatVisible = !phone || sheet === 'chat';
  const unread = useUnreadChat(chatVisible);
  const closeShare = useCallback(() => {
    setSharing(false);
  }, []);
  const share = () => {
    setSharing(true);
  };
  const openSheet = (name: SheetName) => {
    setSheet((current) => (current === name ? undefined : name));
  };

  useEffect(() => {
    document.title = `${roomId} · TikTok Watch Together`;
  }, [roomId]);

  const classes = ['app', phone ? 'app--phone' : 'app--desktop'];
  if (phone && sheet !== undefined) classes.push('app--sheet-open');
  if (!phone && theatre) classes.push('app--theatre');

  return (
    <div className={classes.join(' ')} data-testid="app" data-layout={phone ? 'phone' : 'desktop'}>
      <Header compact={phone} onShare={share} />
      <ConnectionBanner />
      <main className="app-main">
        <VideoPlayer
          theatre={
            phone
              ? undefined
              : {
                  active: theatre,
                  toggle: () => {
                    setTheatre((value) => !value);
                  },
                }
          }
        />
        <RoomPanels
          ready={panelsReady}
          phone={phone}
          sheet={sheet}
          unread={unread}
          onSheet={setSheet}
          onClose={() => {
            setSheet(undefined);
          }}
        />
      </main>
      {/* With a sheet open its tabs do the rail's job (and the rail would cover it). */}
      {phone && sheet === undefined && (
        <RoomRail sheet={sheet} unread={unread} onSheet={openSheet} onShare={share} />
      )}
      {phone && sheet === undefined && <FloatingChat />}
      {sharing && <ShareModal roomId={roomId} onClose={closeShare} />}
      {shareIntake && <SharedLinkNotice intake={shareIntake} />}
    </div>
  );
}
