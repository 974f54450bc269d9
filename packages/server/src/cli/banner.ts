import type { InstanceKeys } from '../services/instance-admin.ts';

/** The first-start message: what a developer pastes into their app's environment. */
export function keysBanner(keys: InstanceKeys & { backend_api_url: string }, secretKey: string | null): string {
  const lines = [
    '',
    `  Gatehouse development instance "${keys.name}" (${keys.instance_id})`,
    '',
    `  Frontend API URL   ${keys.frontend_api_url}`,
    `  Backend API URL    ${keys.backend_api_url}`,
    `  Publishable key    ${keys.publishable_key}`,
  ];
  if (secretKey)
    lines.push(
      `  Secret key         ${secretKey}`,
      '',
      '  The secret key is shown only now; Gatehouse stores its hash. Get a new one with',
      '  `npx gatehouse instance keys --new-secret-key`.',
    );
  lines.push('');
  return lines.join('\n');
}
