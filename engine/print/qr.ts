// A QR code of a short text (the business number) as an SVG data URI: drawn here from the
// module matrix of the `qrcode` package, synchronously and without a canvas, so a template helper
// can stay pure. The text is encoded in the modules, never written into the SVG markup.
import QRCode from 'qrcode';

const cache = new Map<string, string>();
const MAX_CACHE = 500;

/** An <svg> of the QR code, one unit per module plus a 4-module quiet zone. */
export function qrSvg(text: string): string {
  const { modules } = QRCode.create(text, { errorCorrectionLevel: 'M' });
  const n = modules.size;
  const q = 4;
  let d = '';
  for (let y = 0; y < n; y++) {
    for (let x = 0; x < n; x++) {
      if (!modules.get(y, x)) continue;
      // Merge a horizontal run of dark modules into one rectangle.
      let w = 1;
      while (x + w < n && modules.get(y, x + w)) w++;
      d += `M${x + q} ${y + q}h${w}v1h-${w}z`;
      x += w - 1;
    }
  }
  const size = n + 2 * q;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${size} ${size}" shape-rendering="crispEdges"><rect width="${size}" height="${size}" fill="#fff"/><path d="${d}" fill="#000"/></svg>`;
}

/** The QR code as a data: URI for an <img src>. */
export function qrDataUri(text: string): string {
  let uri = cache.get(text);
  if (!uri) {
    uri = `data:image/svg+xml;base64,${Buffer.from(qrSvg(text)).toString('base64')}`;
    if (cache.size >= MAX_CACHE) cache.delete(cache.keys().next().value as string);
    cache.set(text, uri);
  }
  return uri;
}
