export * from './client.ts';
export * from './common.ts';
export * from './environment.ts';
export * from './flows.ts';
export * from './instance.ts';
export * from './session.ts';
export * from './user.ts';
