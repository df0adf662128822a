import { useEffect } from 'react';
import { SiteFrame } from './SiteFrame';
import './Home.css';

/** `/room/<not a room id>`: say so in words, and offer a way into a room. */
export function BadLinkPage({ path }: { path: string }) {
  useEffect(() => {
    document.title = 'Room link not found · TikTok Watch Together';
  }, []);

  return (
    <SiteFrame>
      <section className="home-hero" aria-labelledby="bad-link-title" data-testid="bad-link">
        <h1 id="bad-link-title">This room link doesn’t work</h1>
        <p className="home-lead">
          Room links look like <code>/room/brave-otter-42</code>: letters, digits, dashes and
          underscores only. This one may have been cut or changed when it was copied.
        </p>
        <p className="home-bad-path">
          You opened <code>{path}</code>
        </p>
        <div className="home-actions">
          <a className="accent-button home-start" href="/new" data-testid="bad-link-new-room">
            Start a new party
          </a>
          <a className="pill-button" href="/">
            Go to the home page
          </a>
        </div>
        <p className="home-lead">Or ask your friend to send the link again.</p>
      </section>
    </SiteFrame>
  );
}
