/**
 * Where a rendered text message goes: the dev outbox (development instances) or an SMS
 * provider (`twilio-transport.ts`). `sms-sender.ts` picks one per instance and renders the text.
 */
export interface SmsMessage {
  /** E.164. */
  to: string;
  body: string;
  instanceId: string;
  /** The template it was rendered from, kept by the dev outbox. */
  template: string;
}

export interface SmsTransport {
  /** Delivers the message; throws `sms_delivery_failed` (with the provider's answer as `cause`). */
  send(message: SmsMessage): Promise<{ id: string }>;
}
