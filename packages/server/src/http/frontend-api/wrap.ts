import type { Deps } from '../../domain/deps.ts';
import { clientView } from '../serializers/client.ts';
import type { FrontendContext } from './context.ts';

/** `{ response, client }`: the Frontend API's envelope, with the client as it is now. */
export async function wrap<T>(deps: Pick<Deps, 'store' | 'clock'>, ctx: FrontendContext, response: T) {
  const client = ctx.client.current;
  return { response, client: client ? await clientView(deps, ctx.instance, client) : null };
}
