import { type Static, Type } from 'typebox';
import { Timestamp } from './common.ts';

const identifierFields = {
  id: Type.String(),
  identifier: Type.String({
    description: 'An email address, `*@domain` for a whole domain, or an E.164 phone number.',
  }),
  identifier_type: Type.Union([Type.Literal('email_address'), Type.Literal('phone_number')]),
  instance_id: Type.String(),
  created_at: Timestamp,
  updated_at: Timestamp,
};

/** An allowlist entry (`/v1/allowlist_identifiers`), in Clerk's shape. */
export const AllowlistIdentifierObject = Type.Object(
  { object: Type.Literal('allowlist_identifier'), ...identifierFields },
  { title: 'AllowlistIdentifier' },
);

/** A blocklist entry (`/v1/blocklist_identifiers`), in Clerk's shape. */
export const BlocklistIdentifierObject = Type.Object(
  { object: Type.Literal('blocklist_identifier'), ...identifierFields },
  { title: 'BlocklistIdentifier' },
);

export const BlocklistIdentifierList = Type.Object(
  { data: Type.Array(BlocklistIdentifierObject), total_count: Type.Integer() },
  { title: 'BlocklistIdentifierList' },
);

export const CreateRestrictionIdentifierBody = Type.Object(
  {
    identifier: Type.String({ minLength: 1, maxLength: 320 }),
    notify: Type.Optional(
      Type.Boolean({ description: 'Accepted for Clerk compatibility; Gatehouse sends no invitation email.' }),
    ),
  },
  { additionalProperties: false },
);

export type AllowlistIdentifierObject = Static<typeof AllowlistIdentifierObject>;
export type BlocklistIdentifierObject = Static<typeof BlocklistIdentifierObject>;
