/**
 * One QR code as a PNG image. The `qrcode` package draws it on a canvas in the page itself:
 * the text (an account's secret) never leaves the extension to be rendered elsewhere.
 */
import { useEffect, useState } from 'preact/hooks';
import { toDataURL } from 'qrcode';
import { t } from '../../ui/i18n';

/** Pixels per QR module: large enough for a phone camera at arm's length, small enough to fit. */
const SCALE = 5;

export function QrImage({ text, alt }: { text: string; alt: string }) {
  const [src, setSrc] = useState('');
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let live = true;
    setSrc('');
    setFailed(false);
    // Medium error correction: phones read it off a screen reliably, and long transfer links still fit.
    toDataURL(text, { errorCorrectionLevel: 'M', margin: 4, scale: SCALE })
      .then((url) => live && setSrc(url))
      .catch(() => live && setFailed(true));
    return () => {
      live = false;
    };
  }, [text]);

  if (failed) return <p role="alert" class="error">{t('qrFailed')}</p>;
  return src ? <img class="qr" src={src} alt={alt} /> : <div class="qr placeholder" aria-hidden="true" />;
}
