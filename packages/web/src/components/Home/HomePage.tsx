import { useEffect } from 'react';
import { roomPath } from '../../lib/room-id';
import { recentRooms } from '../../lib/recent-rooms';
import { timeAgo } from './time-ago';
import { SiteFrame } from './SiteFrame';
import './Home.css';

/** `/`: start a party in one tap, or go back to a room opened before. */
export function HomePage({ now }: { now: number }) {
  const rooms = recentRooms();

  useEffect(() => {
    document.title = 'TikTok Watch Together';
  }, []);

  return (
    <SiteFrame>
      <section className="home-hero" aria-labelledby="home-title">
        <h1 id="home-title">Watch TikToks together, in sync</h1>
        <p className="home-lead">
          Start a room, send the link, and everyone sees the same clip at the same moment, with a
          shared queue and a chat.
        </p>
        <a className="accent-button home-start" href="/new" data-testid="start-party">
          Start a party
        </a>
      </section>
      {rooms.length > 0 && (
        <section className="home-recent" aria-labelledby="recent-title">
          <h2 id="recent-title">Your recent rooms</h2>
          <ul className="home-recent__list" data-testid="recent-rooms">
            {rooms.map((room) => (
              <li key={room.roomId}>
                <a className="home-recent__room" href={roomPath(room.roomId)}>
                  <span className="home-recent__name">{room.roomId}</span>
                  <span className="home-recent__when">{timeAgo(room.visitedAt, now)}</span>
                </a>
              </li>
            ))}
          </ul>
        </section>
      )}
      <section className="home-steps" aria-labelledby="steps-title">
        <h2 id="steps-title">How it works</h2>
        <ol>
          <li>Start a party and send its link, or let friends scan its QR code.</li>
          <li>Everyone pastes TikTok links into one shared queue.</li>
          <li>Watch in step and chat. No sign-up needed.</li>
        </ol>
        <p className="home-tip">
          On Android, add this app to your home screen: then “Share” in the TikTok app sends a clip
          straight into the room you were last in.
        </p>
      </section>
    </SiteFrame>
  );
}
