/**
 * Reverification (step-up) rules, shared by the server and the SDKs so both decide alike.
 *
 * A session token's `fva` claim holds the minutes since the session last verified its first
 * and its second factor (-1: never). A requirement names a level and a maximum age:
 * - `first_factor`: the first factor within the age;
 * - `second_factor`: the second factor within the age when the user has one, else the first;
 * - `multi_factor`: both within the age (a user without a second factor cannot meet it).
 * Presets: strict = second factor within 10 minutes, moderate = 1 hour, lax = 1 day,
 * strict_mfa = multi-factor within 10 minutes.
 */
export type ReverificationLevel = 'first_factor' | 'second_factor' | 'multi_factor';

export interface ReverificationRequirement {
  level: ReverificationLevel;
  afterMinutes: number;
}

export const REVERIFICATION_PRESETS = {
  strict: { level: 'second_factor', afterMinutes: 10 },
  moderate: { level: 'second_factor', afterMinutes: 60 },
  lax: { level: 'second_factor', afterMinutes: 1440 },
  strict_mfa: { level: 'multi_factor', afterMinutes: 10 },
} as const satisfies Record<string, ReverificationRequirement>;

export type ReverificationPreset = keyof typeof REVERIFICATION_PRESETS;

export const resolveReverification = (
  r: ReverificationPreset | ReverificationRequirement,
): ReverificationRequirement => (typeof r === 'string' ? REVERIFICATION_PRESETS[r] : r);

const within = (age: number, minutes: number) => age !== -1 && age <= minutes;

export function meetsReverification(
  fva: readonly [number, number] | null | undefined,
  requirement: ReverificationPreset | ReverificationRequirement,
): boolean {
  if (!fva) return false;
  const { level, afterMinutes } = resolveReverification(requirement);
  const [first, second] = fva;
  switch (level) {
    case 'first_factor':
      return within(first, afterMinutes);
    case 'second_factor':
      return second === -1 ? within(first, afterMinutes) : within(second, afterMinutes);
    case 'multi_factor':
      return within(first, afterMinutes) && within(second, afterMinutes);
  }
}
