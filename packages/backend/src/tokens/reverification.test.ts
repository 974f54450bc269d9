import { ERRORS } from '@gatehouse/shared';
import { describe, expect, it } from 'vitest';
import { reverificationError, reverificationErrorResponse } from './reverification.ts';

describe('reverificationError', () => {
  it('names the level and age of a preset in Gatehouse’s error format and Clerk’s hint', () => {
    const body = reverificationError('moderate');
    expect(body.errors).toEqual([
      expect.objectContaining({
        code: 'session_reverification_required',
        message: ERRORS.session_reverification_required.message,
        meta: { reverification: { level: 'second_factor', after_minutes: 60 } },
      }),
    ]);
    expect(body.clerk_error).toEqual({
      type: 'forbidden',
      reason: 'reverification-error',
      metadata: { reverification: { level: 'second_factor', afterMinutes: 60 } },
    });
  });

  it('answers 403 JSON for a custom requirement, strict by default', async () => {
    const custom = reverificationErrorResponse({ level: 'multi_factor', afterMinutes: 5 }, { headers: { 'x-a': '1' } });
    expect(custom.status).toBe(403);
    expect(custom.headers.get('content-type')).toBe('application/json');
    expect(custom.headers.get('x-a')).toBe('1');
    expect((await custom.json()).errors[0].meta).toEqual({
      reverification: { level: 'multi_factor', after_minutes: 5 },
    });
    expect(reverificationError().errors[0]?.meta.reverification).toEqual({ level: 'second_factor', after_minutes: 10 });
  });
});
