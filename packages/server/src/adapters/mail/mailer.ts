/**
 * Sends the instance's emails.
 *
 * - Development instances keep every email in the dev mailbox (`GET /v1/dev/emails`), so a
 *   laptop needs no mail server.
 * - With `SMTP_URL` set, emails also go out over SMTP (nodemailer). A production instance
 *   without SMTP cannot send, and says so with `email_delivery_failed` rather than dropping mail.
 * Bodies and codes are never logged; a log line names the template and the recipient's domain.
 */
import { GatehouseError } from '@gatehouse/shared';
import nodemailer from 'nodemailer';
import type { Logger } from 'pino';
import { type Clock, strictlyIncreasing } from '../../domain/clock.ts';
import type { Instance } from '../../domain/instances/instance.ts';
import type { Mailer } from '../../domain/ports.ts';
import type { Random } from '../../domain/random.ts';
import type { DevMailboxRepository } from '../../domain/store.ts';
import { DEFAULT_TEMPLATES } from './default-templates.ts';
import { instanceTemplate } from './instance-templates.ts';
import { renderTemplate } from './render-template.ts';
import type { TemplateFinder } from './template-cache.ts';

export interface ClosableMailer extends Mailer {
  close(): void;
}

export interface MailerDeps {
  smtpUrl: string | null;
  devMailbox: DevMailboxRepository;
  /**
   * The instances' own templates (Backend API `/v1/templates/email`), read on every send: pass
   * them through `cachedTemplates` (template-cache.ts). Without it, the built-in ones.
   */
  templates?: TemplateFinder;
  clock: Clock;
  random: Random;
  logger: Logger;
}

const formatFrom = (instance: Instance): string => {
  const name = (instance.settings.email.from_name ?? instance.settings.application_name).replace(/["\\\r\n]/g, '');
  return `"${name}" <${instance.settings.email.from_address}>`;
};

export function createMailer(deps: MailerDeps): ClosableMailer {
  const transport = deps.smtpUrl ? nodemailer.createTransport(deps.smtpUrl) : null;
  const stamp = strictlyIncreasing(deps.clock);
  return {
    async send({ instance, to, template, variables }) {
      const vars = {
        app_name: instance.settings.application_name,
        support_email: instance.settings.support_email,
        ...variables,
      };
      const source = deps.templates
        ? (await instanceTemplate(deps.templates, instance.id, template)).template
        : DEFAULT_TEMPLATES[template];
      const rendered = await renderTemplate(source, vars).catch((err: unknown) => {
        // Saving refuses templates that do not render; this is the last line of defence.
        deps.logger.error(
          { instance_id: instance.id, template, err: { message: (err as Error).message } },
          'email template failed to render',
        );
        throw new GatehouseError('email_delivery_failed', { cause: err });
      });
      const from = formatFrom(instance);
      if (instance.environment === 'development')
        await deps.devMailbox.add({
          id: deps.random.id('email'),
          instanceId: instance.id,
          to,
          from,
          template,
          ...rendered,
          createdAt: stamp(),
        });
      const log = { instance_id: instance.id, template, to_domain: to.split('@')[1] };
      if (!transport) {
        if (instance.environment === 'production') {
          deps.logger.error(log, 'email not sent: no SMTP_URL configured for a production instance');
          throw new GatehouseError('email_delivery_failed');
        }
        deps.logger.info(log, 'email kept in the dev mailbox');
        return;
      }
      try {
        await transport.sendMail({ from, to, subject: rendered.subject, html: rendered.html, text: rendered.text });
        deps.logger.info(log, 'email sent');
      } catch (err) {
        deps.logger.error({ ...log, err: { message: (err as Error).message } }, 'email delivery failed');
        throw new GatehouseError('email_delivery_failed', { cause: err });
      }
    },
    close() {
      transport?.close();
    },
  };
}
