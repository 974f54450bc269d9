import type { RequestClient } from './clients/request-client.ts';
import type { Instance } from './instances/instance.ts';
import type { RequestInfo } from './ports.ts';

/** What a Frontend API flow step knows about its caller. */
export interface FlowContext {
  instance: Instance;
  client: RequestClient;
  request: RequestInfo;
}
