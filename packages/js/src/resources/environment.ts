/**
 * What the instance allows (`GET /v1/environment`): which sign-up fields are on or required,
 * password rules, the display settings. Components build their forms from it, so a change in
 * the instance settings changes the forms without a redeploy. Field names are camelCase;
 * attribute names stay the API's (`first_name`), since they are also the form parameter names.
 * The social providers (`userSettings.social`, `socialProviders`) keep the server's order.
 */
import type { EnvironmentObject } from '@gatehouse/shared/wire';
import { camelizeKeys } from '../core/case.ts';

type Camel<S extends string> = S extends `${infer H}_${infer T}` ? `${H}${Capitalize<Camel<T>>}` : S;
/** The wire type with camelCase keys, all the way down. */
export type CamelCased<T> = T extends (infer U)[]
  ? CamelCased<U>[]
  : T extends object
    ? { [K in keyof T as K extends string ? Camel<K> : K]: CamelCased<T[K]> }
    : T;

type WireUserSettings = EnvironmentObject['user_settings'];
export type AttributeName = 'email_address' | 'username' | 'first_name' | 'last_name' | 'password' | (string & {});
export type Attribute = CamelCased<WireUserSettings['attributes'][string]>;
export type AuthConfig = CamelCased<EnvironmentObject['auth_config']>;
export type DisplayConfig = CamelCased<EnvironmentObject['display_config']>;
/** One social provider the instance offers (`userSettings.social[strategy]`). */
export type SocialProvider = CamelCased<WireUserSettings['social'][string]>;
export type UserSettings = CamelCased<Omit<WireUserSettings, 'attributes' | 'social'>> & {
  attributes: Record<AttributeName, Attribute>;
  /** The enabled social providers by strategy (`oauth_google`), in the order their buttons show. */
  social: Record<string, SocialProvider>;
  /** The strategies of the enabled social providers, in button order. */
  socialProviderStrategies: string[];
  /** Those of them that sign in and sign up (the others only connect to an account). */
  authenticatableSocialStrategies: string[];
};

export class Environment {
  readonly authConfig: AuthConfig;
  readonly displayConfig: DisplayConfig;
  readonly userSettings: UserSettings;
  readonly maintenanceMode: boolean;
  /** The enabled social providers, in the order their buttons show (name, strategy, ...). */
  readonly socialProviders: SocialProvider[];

  constructor(data: EnvironmentObject) {
    const { attributes, social, ...rest } = data.user_settings;
    this.authConfig = camelizeKeys(data.auth_config) as AuthConfig;
    this.displayConfig = camelizeKeys(data.display_config) as DisplayConfig;
    const providers = Object.entries(social ?? {})
      .map(([strategy, p]) => ({ ...(camelizeKeys(p) as SocialProvider), strategy }))
      .filter((p) => p.enabled);
    this.userSettings = {
      ...(camelizeKeys(rest) as CamelCased<typeof rest>),
      attributes: Object.fromEntries(
        Object.entries(attributes).map(([name, a]) => [name, camelizeKeys(a) as Attribute]),
      ) as Record<AttributeName, Attribute>,
      social: Object.fromEntries(providers.map((p) => [p.strategy, p])),
      socialProviderStrategies: providers.map((p) => p.strategy),
      authenticatableSocialStrategies: providers.filter((p) => p.authenticatable).map((p) => p.strategy),
    };
    this.socialProviders = providers;
    this.maintenanceMode = data.maintenance_mode;
  }

  /** Whether the instance asks for this attribute (at sign-up and in the profile). */
  isEnabled(attribute: AttributeName): boolean {
    return this.userSettings.attributes[attribute]?.enabled ?? false;
  }

  isRequired(attribute: AttributeName): boolean {
    return this.userSettings.attributes[attribute]?.required ?? false;
  }
}
