/** A minimal Next.js app for the adapter test: pages and route handlers behind gatehouseMiddleware. */
export default { devIndicators: false };
