/**
 * Rules for new passwords (sign-up, change, reset, admin set), in the order they are checked:
 * 1. length between the instance's min and max, counted in characters, and at most 1024 bytes
 *    in UTF-8 so a hash input stays bounded whatever the characters;
 * 2. not one of the most common breached passwords (`form_password_pwned`), always on: the
 *    `passwords-common` list of `@zxcvbn-ts/language-common` (MIT; about 49,000 passwords
 *    ranked by frequency in public breach dumps), compared case-insensitively;
 * 3. the character classes the instance requires (off by default);
 * 4. a zxcvbn strength score of at least `min_zxcvbn_score` (2 by default), with zxcvbn's
 *    warning and suggestions in the error's meta so a form can show them.
 * Pure: no I/O. The HaveIBeenPwned range check is `password-screen.ts`.
 */
import { GatehouseError } from '@gatehouse/shared';
import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import * as zxcvbnCommon from '@zxcvbn-ts/language-common';
import * as zxcvbnEn from '@zxcvbn-ts/language-en';

export interface PasswordRules {
  min_length: number;
  max_length: number;
  require_lowercase?: boolean;
  require_uppercase?: boolean;
  require_numbers?: boolean;
  require_special_char?: boolean;
  /** 0 turns the estimate off. */
  min_zxcvbn_score?: number;
}

export const MAX_PASSWORD_BYTES = 1024;

let commonPasswords: Set<string> | null = null;
/** True when the password (case-insensitively) is on the bundled list of common breached passwords. */
export function isCommonBreachedPassword(password: string): boolean {
  commonPasswords ??= new Set(zxcvbnCommon.dictionary['passwords-common']);
  return commonPasswords.has(password.toLowerCase());
}

let zxcvbn: ZxcvbnFactory | null = null;
/**
 * Built on first use (loading the dictionaries takes a few hundred milliseconds, once).
 * The estimate's cost grows fast with length and with l33t-looking characters (a 32-character
 * string of symbols took over a second with the library's defaults), and anyone can send a
 * password to sign-up: so only the first 64 characters are examined (anything longer that
 * starts strong is strong) and l33t substitutions are capped at 8, which keeps the worst case
 * to tens of milliseconds.
 */
function estimator(): ZxcvbnFactory {
  zxcvbn ??= new ZxcvbnFactory({
    translations: zxcvbnEn.translations,
    graphs: zxcvbnCommon.adjacencyGraphs,
    dictionary: { ...zxcvbnCommon.dictionary, ...zxcvbnEn.dictionary },
    maxLength: 64,
    l33tMaxSubstitutions: 8,
  });
  return zxcvbn;
}

export interface PasswordStrength {
  score: number;
  warning: string | null;
  suggestions: string[];
}

/** zxcvbn's estimate; `userInputs` (the user's email, names) count as known words. */
export function estimateStrength(password: string, userInputs: string[] = []): PasswordStrength {
  const r = estimator().check(password, userInputs);
  return { score: r.score, warning: r.feedback.warning, suggestions: r.feedback.suggestions };
}

const CLASSES = [
  { rule: 'require_lowercase', name: 'lowercase', test: /\p{Ll}/u, text: 'a lowercase letter' },
  { rule: 'require_uppercase', name: 'uppercase', test: /\p{Lu}/u, text: 'an uppercase letter' },
  { rule: 'require_numbers', name: 'number', test: /\p{Nd}/u, text: 'a number' },
  { rule: 'require_special_char', name: 'special_char', test: /[^\p{L}\p{Nd}]/u, text: 'a special character' },
] as const;

/**
 * Throws the first rule the password breaks; see the file comment for the order. Synchronous,
 * for tests and tools: the server runs rules 1-3 here and the estimate of rule 4 off the event
 * loop (`password-screen.ts`).
 */
export function checkNewPassword(
  password: string,
  rules: PasswordRules,
  paramName = 'password',
  userInputs: string[] = [],
): void {
  checkPasswordRules(password, rules, paramName);
  if ((rules.min_zxcvbn_score ?? 0) > 0) assertStrongEnough(estimateStrength(password, userInputs), rules, paramName);
}

/** Rules 1 to 3: cheap, so they run before any estimate is asked for. */
export function checkPasswordRules(password: string, rules: PasswordRules, paramName = 'password'): void {
  const length = [...password].length;
  if (length < rules.min_length)
    throw new GatehouseError('form_password_length_too_short', {
      longMessage: `Passwords must be ${rules.min_length} characters or more.`,
      meta: { param_name: paramName, min_length: rules.min_length },
    });
  if (length > rules.max_length || Buffer.byteLength(password) > MAX_PASSWORD_BYTES)
    throw new GatehouseError('form_password_length_too_long', {
      longMessage: `Passwords must be ${rules.max_length} characters or fewer.`,
      meta: { param_name: paramName, max_length: rules.max_length },
    });
  if (isCommonBreachedPassword(password))
    throw new GatehouseError('form_password_pwned', { meta: { param_name: paramName } });

  const missing = CLASSES.filter((c) => rules[c.rule] === true && !c.test.test(password));
  if (missing.length > 0)
    throw new GatehouseError('form_password_not_strong_enough', {
      longMessage: `Your password must contain ${missing.map((c) => c.text).join(', ')}.`,
      meta: { param_name: paramName, reason: 'character_classes', missing: missing.map((c) => c.name) },
    });
}

/** Rule 4, given the estimate: throws when its score is under the instance's minimum. */
export function assertStrongEnough(strength: PasswordStrength, rules: PasswordRules, paramName = 'password'): void {
  const minScore = rules.min_zxcvbn_score ?? 0;
  if (minScore > 0 && strength.score < minScore)
    throw new GatehouseError('form_password_not_strong_enough', {
      longMessage: strength.warning ?? 'Your password is too easy to guess. Try a longer or less common one.',
      meta: {
        param_name: paramName,
        reason: 'zxcvbn',
        score: strength.score,
        min_score: minScore,
        zxcvbn: { warning: strength.warning, suggestions: strength.suggestions },
      },
    });
}
