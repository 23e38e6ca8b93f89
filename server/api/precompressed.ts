// The client's hashed files (client/dist/assets) are compressed once, when the
// client is built (client/vite.config.ts writes `.br` and `.gz` beside each
// script and stylesheet), and sent as they are: compressing the 600 kB graph
// chunk on every request cost the server tens of milliseconds of CPU that
// the first view waited for (issue 26). Their names change with their
// content, so a browser may keep them for a year without asking again.
import { existsSync } from 'node:fs';
import { extname, resolve, sep } from 'node:path';
import type { NextFunction, Request, Response } from 'express';

const ENCODINGS = [
  { name: 'br', suffix: '.br' },
  { name: 'gzip', suffix: '.gz' },
] as const;

export const IMMUTABLE = 'public, max-age=31536000, immutable';

/** Serves /assets/<file> from its precompressed copy in the encoding the browser prefers; anything else goes on to express.static. */
export function precompressedAssets(clientDir: string) {
  const assets = resolve(clientDir, 'assets');
  return (req: Request, res: Response, next: NextFunction): void => {
    if ((req.method !== 'GET' && req.method !== 'HEAD') || !req.path.startsWith('/assets/')) return next();
    let file: string;
    try {
      file = resolve(clientDir, '.' + decodeURIComponent(req.path));
    } catch {
      return next(); // a malformed escape: express.static answers it
    }
    if (!file.startsWith(assets + sep)) return next();
    // Brotli first when taken at all: browsers list gzip first with the same weight.
    const encoding = ENCODINGS.find((e) => req.acceptsEncodings(e.name) === e.name && existsSync(file + e.suffix));
    if (!encoding) return next();
    // Content-Type from the file asked for, not from its .br or .gz copy; `compression` leaves an encoded body alone.
    res.type(extname(file));
    res.setHeader('Content-Encoding', encoding.name);
    res.setHeader('Vary', 'Accept-Encoding');
    res.sendFile(file + encoding.suffix, { headers: { 'Cache-Control': IMMUTABLE }, cacheControl: false }, (err) => err && next(err));
  };
}
