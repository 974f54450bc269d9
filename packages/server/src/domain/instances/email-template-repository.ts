/**
 * Storage port of the email templates an instance changed.
 * The conventions every port follows are in `domain/store.ts`.
 */

/** An email template an instance changed (a slug without one uses the built-in template). */
export interface StoredEmailTemplate {
  instanceId: string;
  slug: string;
  subject: string;
  html: string;
  text: string;
  createdAt: number;
  updatedAt: number;
}

export interface EmailTemplateRepository {
  find(instanceId: string, slug: string): Promise<StoredEmailTemplate | null>;
  list(instanceId: string): Promise<StoredEmailTemplate[]>;
  /** Inserts or replaces the instance's template for the slug. */
  save(t: StoredEmailTemplate): Promise<void>;
  delete(instanceId: string, slug: string): Promise<boolean>;
}
