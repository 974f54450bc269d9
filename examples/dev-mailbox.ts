/**
 * Development only: prints each new message of the instance's dev mailbox (where a development
 * instance without SMTP keeps its mail) to this terminal, so the sign-up code is at hand.
 * It reads the mailbox through the Backend API every two seconds.
 */
import type { createGatehouseClient } from '@gatehouse/backend';

type Backend = ReturnType<typeof createGatehouseClient>;

export function watchDevMailbox(backend: Backend, print: (line: string) => void): () => void {
  const seen = new Set<string>();
  let first = true;
  const poll = async () => {
    const mails = await backend.devEmails.list({ limit: 20 }).catch(() => []);
    for (const mail of [...mails].reverse()) {
      if (seen.has(mail.id)) continue;
      seen.add(mail.id);
      const code = /\b(\d{6})\b/.exec(mail.text)?.[1];
      if (!first) print(`  Mail to ${mail.to}: "${mail.subject}"${code ? `, code ${code}` : ''}`);
    }
    first = false;
  };
  void poll();
  const timer = setInterval(() => void poll(), 2_000);
  return () => clearInterval(timer);
}
