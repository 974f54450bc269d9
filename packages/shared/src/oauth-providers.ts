/**
 * The social sign-in providers Gatehouse knows by name, in the order components list them
 * when an instance sets no order. The strategy of each is `oauth_<id>`; providers configured
 * by hand or by discovery are `oauth_custom_<name>`. How each one speaks (OIDC or plain
 * OAuth 2.0, its endpoints) is the server's business (`server/src/adapters/oauth/providers.ts`).
 */
export const NAMED_OAUTH_PROVIDERS = [
  { id: 'google', name: 'Google' },
  { id: 'github', name: 'GitHub' },
  { id: 'microsoft', name: 'Microsoft' },
  { id: 'apple', name: 'Apple' },
  { id: 'facebook', name: 'Facebook' },
  { id: 'discord', name: 'Discord' },
  { id: 'gitlab', name: 'GitLab' },
  { id: 'linkedin_oidc', name: 'LinkedIn' },
  { id: 'slack', name: 'Slack' },
  { id: 'x', name: 'X' },
  { id: 'twitch', name: 'Twitch' },
  { id: 'spotify', name: 'Spotify' },
  { id: 'bitbucket', name: 'Bitbucket' },
  { id: 'notion', name: 'Notion' },
  { id: 'dropbox', name: 'Dropbox' },
  { id: 'linear', name: 'Linear' },
  { id: 'coinbase', name: 'Coinbase' },
  { id: 'tiktok', name: 'TikTok' },
] as const;

export type NamedOAuthProviderId = (typeof NAMED_OAUTH_PROVIDERS)[number]['id'];

/** `oauth_custom_<name>`: the name part, lowercase letters, digits and `_`. */
export const CUSTOM_OAUTH_NAME_PATTERN = '^[a-z0-9][a-z0-9_]{0,39}$';

export const OAUTH_STRATEGY_PREFIX = 'oauth_';
export const CUSTOM_OAUTH_STRATEGY_PREFIX = 'oauth_custom_';

export const isOAuthStrategy = (strategy: string): boolean => strategy.startsWith(OAUTH_STRATEGY_PREFIX);
