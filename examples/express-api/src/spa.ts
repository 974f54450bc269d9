/**
 * Serves a built single-page app: its files from `dist`, and `index.html` for any other page
 * path (so /sign-in, /user, ... survive a reload). Paths under /api are left to the API.
 */
import { join } from 'node:path';
import express, { type Router } from 'express';

export function serveBuiltSpa(dist: string): Router {
  const router = express.Router();
  router.use(express.static(dist, { index: 'index.html' }));
  router.get(/^(?!\/api\/).*/, (req, res, next) => {
    if (!req.accepts('html')) return next();
    res.set('cache-control', 'no-cache');
    res.sendFile(join(dist, 'index.html'));
  });
  return router;
}
