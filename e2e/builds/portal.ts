/** Builds the Account Portal's assets (when stale) before the end-to-end and portal tests. */
import { buildPortal } from '../../scripts/build-portal.ts';

export default async function build(): Promise<void> {
  await buildPortal();
}
