export * from './errors.ts';
export * from './instance-settings.ts';
export * from './oauth-providers.ts';
export * from './reverification.ts';
export * from './settings-patch.ts';
