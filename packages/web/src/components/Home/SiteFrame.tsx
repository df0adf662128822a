import type { ReactNode } from 'react';

/** The frame of the pages outside a room: the brand, then the page's content. */
export function SiteFrame({ children }: { children: ReactNode }) {
  return (
    <div className="site">
      <header className="site__header">
        <a className="site__brand" href="/">
          <img src="/favicon.svg" alt="" width={32} height={32} />
          <span>Watch Together</span>
        </a>
      </header>
      <main className="site__main">{children}</main>
    </div>
  );
}
