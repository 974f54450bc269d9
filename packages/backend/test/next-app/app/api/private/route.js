import { auth } from '@gatehouse/backend/nextjs';

export async function GET() {
  return Response.json({ userId: (await auth()).userId });
}
