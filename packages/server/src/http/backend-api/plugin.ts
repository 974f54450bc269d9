/** The Backend API: what servers call with a secret key. */

import type { AppDeps } from '../app-deps.ts';
import { normalizeBody } from '../normalize-body.ts';
import type { TypedApp } from '../typed-app.ts';
import { useJsonBodyValidation } from '../validators.ts';
import { clientRoutes } from './clients.ts';
import { installBackendContext } from './context.ts';
import { devSmsRoutes } from './dev-sms.ts';
import { emailTemplateRoutes } from './email-templates.ts';
import { instanceRoutes } from './instance.ts';
import { phoneNumberRoutes } from './phone-numbers.ts';
import { restrictionRoutes } from './restrictions.ts';
import { sessionRoutes } from './sessions.ts';
import { userExternalAccountRoutes } from './user-external-accounts.ts';
import { userMfaRoutes } from './user-mfa.ts';
import { userRoutes } from './users.ts';

export async function backendApi(app: TypedApp, opts: { deps: AppDeps }): Promise<void> {
  useJsonBodyValidation(app);
  installBackendContext(app, opts.deps);
  app.addHook('preValidation', normalizeBody);
  userRoutes(app, opts.deps);
  userMfaRoutes(app, opts.deps);
  userExternalAccountRoutes(app, opts.deps);
  sessionRoutes(app, opts.deps);
  clientRoutes(app, opts.deps);
  instanceRoutes(app, opts.deps);
  emailTemplateRoutes(app, opts.deps);
  restrictionRoutes(app, opts.deps);
  phoneNumberRoutes(app, opts.deps);
  devSmsRoutes(app, opts.deps);
}
