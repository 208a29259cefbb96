/**
 * /audio/...: the rendered practice, personal sankalpa clips (under clips/) and the screen
 * pictures (under images/), as a CDN would serve them: right content type, byte ranges (Echo
 * devices and browsers seek with Range requests; `send` answers 206 and 416), and long caching,
 * since every file name carries its content hash.
 */
import express, { type NextFunction, type Request, type Response, type Router } from 'express';

const AUDIO_FILE = /^\/(?:clips\/)?[A-Za-z0-9][A-Za-z0-9._-]*\.(?:mp3|m4a|aac)$/;
/** The screen pictures (tools/images), content-hashed like the audio. */
const IMAGE_FILE = /^\/images\/[A-Za-z0-9][A-Za-z0-9._-]*\.png$/;

export function audioRoute(audioDir: string): Router {
  const router = express.Router();
  // Only audio files and pictures: the manifest and anything else in the folder stay private.
  router.use((req: Request, res: Response, next: NextFunction) => {
    if (AUDIO_FILE.test(req.path) || IMAGE_FILE.test(req.path)) return next();
    res.status(404).type('text/plain').send('Not found\n');
  });
  router.use(
    express.static(audioDir, {
      index: false,
      dotfiles: 'deny',
      fallthrough: true,
      acceptRanges: true,
      maxAge: '365d',
      immutable: true,
    }),
  );
  router.use((_req: Request, res: Response) => {
    res.status(404).type('text/plain').send('Not found\n');
  });
  return router;
}
