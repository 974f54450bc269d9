/** A minimal Next.js app for the adapter test: pages and route handlers behind gatehouseMiddleware. */
// One build folder per test database, so the SQLite and PostgreSQL runs can start `next dev` side by side.
export default { devIndicators: false, distDir: process.env.NEXT_DIST_DIR || '.next' };
