import { gatehouseMiddleware } from '@gatehouse/backend/nextjs';

// Keys come from GATEHOUSE_SECRET_KEY and GATEHOUSE_PUBLISHABLE_KEY.
export default gatehouseMiddleware({ protectedPaths: ['/api/private'] });

export const config = { matcher: ['/((?!_next/).*)'] };
