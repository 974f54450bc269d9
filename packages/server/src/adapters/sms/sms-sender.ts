/**
 * Sends the instance's text messages, as the mailer sends its emails:
 * - development instances keep every message in the dev outbox (`GET /v1/dev/sms`) and never
 *   send one (a demo should not cost money or text a stranger);
 * - production instances send through the configured provider (Twilio-compatible, from
 *   `TWILIO_*`); without one they cannot send and say so with `sms_delivery_failed`.
 * Bodies and codes are never logged; a log line names the template and the masked number.
 */
import { GatehouseError } from '@gatehouse/shared';
import type { Logger } from 'pino';
import type { Instance } from '../../domain/instances/instance.ts';
import { maskPhoneNumber } from '../../domain/policies/phone-number.ts';
import type { SmsSender } from '../../domain/ports.ts';
import { renderTemplate } from '../mail/render-template.ts';
import { DEFAULT_SMS_TEMPLATES } from './default-sms-templates.ts';
import type { SmsTransport } from './sms-transport.ts';

export interface SmsSenderDeps {
  devOutbox: SmsTransport;
  /** The provider for production instances; null when none is configured. */
  provider: SmsTransport | null;
  logger: Logger;
}

/** Single line: a variable cannot add lines, so the WebOTP line stays the last one. */
const oneLine = (v: unknown) => (typeof v === 'string' ? v.replace(/\s+/g, ' ').trim() : v);

const webOtpDomain = (instance: Instance) => new URL(instance.frontendApiUrl).hostname;

export function createSmsSender(deps: SmsSenderDeps): SmsSender {
  return {
    async send({ instance, to, template, variables }) {
      const vars = Object.fromEntries(
        Object.entries({
          app_name: instance.settings.application_name,
          webotp_domain: webOtpDomain(instance),
          ...variables,
        }).map(([k, v]) => [k, oneLine(v)]),
      );
      // The mail adapter's plain-text engine: no file access, strict filters, own properties only.
      const body = (
        await renderTemplate({ subject: '', html: '', text: DEFAULT_SMS_TEMPLATES[template] }, vars)
      ).text.trim();
      const log = { instance_id: instance.id, template, to: maskPhoneNumber(to) };
      const transport = instance.environment === 'development' ? deps.devOutbox : deps.provider;
      if (!transport) {
        deps.logger.error(
          log,
          'text message not sent: no SMS provider (TWILIO_*) configured for a production instance',
        );
        throw new GatehouseError('sms_delivery_failed', {
          longMessage: 'This application cannot send text messages right now. Try another way to verify.',
        });
      }
      try {
        await transport.send({ to, body, instanceId: instance.id, template });
      } catch (err) {
        const cause = err instanceof GatehouseError && err.cause instanceof Error ? err.cause : (err as Error);
        deps.logger.error({ ...log, err: { message: cause.message } }, 'text message delivery failed');
        throw err instanceof GatehouseError ? err : new GatehouseError('sms_delivery_failed', { cause: err });
      }
      deps.logger.info(log, transport === deps.devOutbox ? 'text message kept in the dev outbox' : 'text message sent');
    },
  };
}
