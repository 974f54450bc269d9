import { auth } from '@gatehouse/backend/nextjs';

export async function GET() {
  const { userId, sessionId } = await auth();
  return Response.json({ userId, sessionId });
}
