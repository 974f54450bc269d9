/**
 * The instances' saved email templates as the mailer reads them, cached per node like the
 * instance settings (`services/instance-registry.ts`): same time-to-live, dropped at once when
 * the instance is announced changed on the invalidation bus. Saving or reverting a template
 * through the Backend API announces it, so the next email uses the new one on every node
 * (within the TTL on nodes that share no Redis). "No template saved" is cached too: it is the
 * common case, and the one that would otherwise read the database on every email.
 */
import type { Clock } from '../../domain/clock.ts';
import type { EmailTemplateRepository, StoredEmailTemplate } from '../../domain/store.ts';
import { INSTANCE_CACHE_TTL_MS } from '../../services/instance-registry.ts';
import type { InvalidationBus } from '../cache/invalidation-bus.ts';
import { TtlCache } from '../cache/ttl-cache.ts';

export type TemplateFinder = Pick<EmailTemplateRepository, 'find'>;

export function cachedTemplates(repo: TemplateFinder, clock: Clock, bus: InvalidationBus): TemplateFinder {
  const cache = new TtlCache<StoredEmailTemplate | null>(INSTANCE_CACHE_TTL_MS, clock);
  // Keys are `instanceId slug`; ids and slugs hold no spaces.
  bus.subscribe((instanceId) => cache.deleteWhere((key) => key.startsWith(`${instanceId} `)));
  return {
    find: (instanceId, slug) => cache.get(`${instanceId} ${slug}`, () => repo.find(instanceId, slug)),
  };
}
