/**
 * Sends text messages through Twilio's Messages API, or any service speaking it:
 * `POST {base}/2010-04-01/Accounts/{AccountSid}/Messages.json`, a form body with `To`, `Body`
 * and `From` (a number) or `MessagingServiceSid` (a sender pool, `MG...`), HTTP Basic auth
 * `AccountSid:AuthToken`. Twilio answers errors with JSON `{ code, message, status }`.
 * Any failure (refusal, timeout, network) is `sms_delivery_failed`; the provider's answer is
 * kept as the error's cause for the log, with phone numbers masked.
 */
import { GatehouseError } from '@gatehouse/shared';
import type { SmsTransport } from './sms-transport.ts';

export interface TwilioConfig {
  accountSid: string;
  authToken: string;
  /** A sender number in E.164, or a Messaging Service SID (`MG` and 32 hex digits). */
  from: string;
  /** `https://api.twilio.com`, or a compatible service (tests use a local one). */
  apiBaseUrl: string;
  timeoutMs?: number;
}

export const isMessagingServiceSid = (from: string): boolean => /^MG[0-9a-fA-F]{32}$/.test(from);

/** Digits runs that may be phone numbers, out of provider messages before they reach a log. */
const maskNumbers = (text: string) => text.replace(/\+?\d[\d\s-]{5,}\d/g, '[number]');

interface TwilioError {
  code?: unknown;
  message?: unknown;
  status?: unknown;
}

const failure = (detail: string, cause?: unknown) =>
  new GatehouseError('sms_delivery_failed', { cause: new Error(maskNumbers(detail), { cause }) });

export function createTwilioTransport(config: TwilioConfig): SmsTransport {
  const base = config.apiBaseUrl.replace(/\/+$/, '');
  const url = `${base}/2010-04-01/Accounts/${encodeURIComponent(config.accountSid)}/Messages.json`;
  const auth = `Basic ${Buffer.from(`${config.accountSid}:${config.authToken}`).toString('base64')}`;
  const sender = isMessagingServiceSid(config.from) ? 'MessagingServiceSid' : 'From';
  return {
    async send({ to, body }) {
      const form = new URLSearchParams({ To: to, [sender]: config.from, Body: body });
      let res: Response;
      try {
        res = await fetch(url, {
          method: 'POST',
          headers: {
            authorization: auth,
            'content-type': 'application/x-www-form-urlencoded',
            accept: 'application/json',
          },
          body: form,
          signal: AbortSignal.timeout(config.timeoutMs ?? 10_000),
        });
      } catch (err) {
        throw failure(`SMS provider unreachable: ${(err as Error).message}`, err);
      }
      const payload = (await res.json().catch(() => null)) as (TwilioError & { sid?: unknown }) | null;
      if (!res.ok) {
        const code = payload?.code ?? 'none';
        const message = typeof payload?.message === 'string' ? payload.message : res.statusText;
        throw failure(`SMS provider refused the message: HTTP ${res.status}, code ${String(code)}: ${message}`);
      }
      if (typeof payload?.sid !== 'string')
        throw failure(`SMS provider answered HTTP ${res.status} without a message sid`);
      return { id: payload.sid };
    },
  };
}
