import type { InstanceSettings } from '../../config/instance-settings.ts';

export type Environment = 'development' | 'production';

export interface Instance {
  id: string;
  name: string;
  environment: Environment;
  /** e.g. `http://localhost:3000` or `https://clerk.example.com`; the `iss` of session tokens. */
  frontendApiUrl: string;
  /** The host (with port) of `frontendApiUrl`; Frontend API requests are routed by it. */
  frontendApiHost: string;
  settings: InstanceSettings;
  createdAt: number;
  updatedAt: number;
}

export const isDevelopment = (i: Pick<Instance, 'environment'>): boolean => i.environment === 'development';
