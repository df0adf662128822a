import { useEffect, useState } from 'react';
import { Spinner } from '../common/Spinner';
import { qrPath, type QrMatrix } from './qr-path';

type Loaded = { text: string; matrix: QrMatrix } | { text: string; error: string };

/**
 * `text` as a QR code, drawn as one SVG path. The encoder (`qrcode`) loads only when a
 * code is first shown, so it is not part of the room's first paint; meanwhile a spinner
 * holds the same square.
 */
export function QrCode({ text, label }: { text: string; label: string }) {
  const [loaded, setLoaded] = useState<Loaded | undefined>(undefined);

  useEffect(() => {
    let live = true;
    import('qrcode')
      .then((qr) => {
        const code = qr.create(text, { errorCorrectionLevel: 'M' });
        const matrix: QrMatrix = {
          size: code.modules.size,
          isDark: (x, y) => code.modules.get(y, x) === 1,
        };
        if (live) setLoaded({ text, matrix });
      })
      .catch((error: unknown) => {
        const message = error instanceof Error ? error.message : String(error);
        if (live) setLoaded({ text, error: message });
      });
    return () => {
      live = false;
    };
  }, [text]);

  const current = loaded?.text === text ? loaded : undefined;
  if (current === undefined) {
    return (
      <div className="share-qr share-qr--loading" data-testid="share-qr-loading">
        <Spinner size="large" label="Making the QR code" />
      </div>
    );
  }
  if ('error' in current) {
    return (
      <div className="share-qr share-qr--failed" role="alert">
        The QR code could not be made ({current.error}).
      </div>
    );
  }
  const { size, d } = qrPath(current.matrix);
  return (
    <svg
      className="share-qr"
      data-testid="share-qr"
      role="img"
      aria-label={label}
      viewBox={`0 0 ${size} ${size}`}
      shapeRendering="crispEdges"
    >
      <rect width={size} height={size} fill="#fff" />
      <path d={d} fill="#000" />
    </svg>
  );
}
