import { auth } from '@gatehouse/backend/nextjs';

export const dynamic = 'force-dynamic';

export default async function Page() {
  const { userId } = await auth();
  return <p id="who">hello {userId ?? 'stranger'}</p>;
}
