import { type ErrorCode, GatehouseError } from '@gatehouse/shared';
import { describe, expect, it } from 'vitest';
import { checkNewPassword, estimateStrength, isCommonBreachedPassword, type PasswordRules } from './password-policy.ts';

const BASE: PasswordRules = { min_length: 8, max_length: 128, min_zxcvbn_score: 0 };

/** The error `checkNewPassword` throws, or null when it accepts the password. */
function refusal(password: string, rules: Partial<PasswordRules> = {}, userInputs: string[] = []) {
  try {
    checkNewPassword(password, { ...BASE, ...rules }, 'password', userInputs);
    return null;
  } catch (e) {
    if (!(e instanceof GatehouseError)) throw e;
    return { code: e.code as ErrorCode, meta: e.meta, longMessage: e.longMessage };
  }
}

describe('length', () => {
  it('refuses fewer characters than min_length: form_password_length_too_short', () => {
    expect(refusal('Abc1!xy')).toMatchObject({
      code: 'form_password_length_too_short',
      meta: { param_name: 'password', min_length: 8 },
    });
  });

  it('counts characters, not UTF-16 units: eight emoji are eight characters', () => {
    expect(refusal('🦊🦊🦊🦊🦊🦊🦊🦊')).toBeNull();
  });

  it('refuses more characters than max_length: form_password_length_too_long', () => {
    expect(refusal('x'.repeat(21), { max_length: 20 })).toMatchObject({
      code: 'form_password_length_too_long',
      meta: { param_name: 'password', max_length: 20 },
    });
  });

  it('refuses more than 1024 bytes whatever the character count', () => {
    expect(refusal('🦊'.repeat(257), { max_length: 256 })?.code).toBe('form_password_length_too_long');
  });
});

describe('bundled breached list', () => {
  it('knows the most common breached passwords, case-insensitively', () => {
    expect(isCommonBreachedPassword('password1')).toBe(true);
    expect(isCommonBreachedPassword('PassWord1')).toBe(true);
    expect(isCommonBreachedPassword('correct horse battery staple')).toBe(false);
  });

  it('refuses one with form_password_pwned even when strength checks are off', () => {
    expect(refusal('iloveyou1')).toMatchObject({ code: 'form_password_pwned', meta: { param_name: 'password' } });
  });
});

describe('character classes', () => {
  const all = { require_lowercase: true, require_uppercase: true, require_numbers: true, require_special_char: true };

  it('accepts a password holding every required class', () => {
    expect(refusal('Quartz-Lamp-7', all)).toBeNull();
  });

  it('lists every missing class in meta.missing', () => {
    expect(refusal('quartzlampnine', all)).toMatchObject({
      code: 'form_password_not_strong_enough',
      meta: { reason: 'character_classes', missing: ['uppercase', 'number', 'special_char'] },
    });
  });

  it('counts letters and digits of any script', () => {
    expect(refusal('ÉCLAIRétoile٣!', all)).toBeNull();
  });

  it('requires nothing by default', () => {
    expect(refusal('quartzlampnine')).toBeNull();
  });
});

describe('zxcvbn score', () => {
  it('refuses a guessable password below the minimum, with zxcvbn feedback in meta', () => {
    const r = refusal('asdfghjkl;12', { min_zxcvbn_score: 2 });
    expect(r).toMatchObject({ code: 'form_password_not_strong_enough', meta: { reason: 'zxcvbn', min_score: 2 } });
    const meta = r?.meta as { score: number; zxcvbn: { warning: string | null; suggestions: string[] } };
    expect(meta.score).toBeLessThan(2);
    expect(meta.zxcvbn.suggestions.length + (meta.zxcvbn.warning ? 1 : 0)).toBeGreaterThan(0);
  });

  it('accepts an ordinary passphrase at the default minimum of 2', () => {
    expect(estimateStrength('correct horse battery staple').score).toBeGreaterThanOrEqual(2);
    expect(refusal('correct horse battery staple', { min_zxcvbn_score: 2 })).toBeNull();
  });

  it("counts the user's own details as known words", () => {
    const password = 'fairfaxgwendolyn';
    expect(estimateStrength(password, ['gwendolyn.fairfax@example.com', 'Gwendolyn', 'Fairfax']).score).toBeLessThan(
      estimateStrength(password).score,
    );
  });

  it('is skipped at 0', () => {
    expect(refusal('asdfghjkl;12', { min_zxcvbn_score: 0 })).toBeNull();
  });
});
