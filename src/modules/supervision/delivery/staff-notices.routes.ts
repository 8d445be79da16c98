import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { requireActor } from '../../../platform/http/request-actor.js';
import { errorResponses, IdParams, Nullable } from '../../../platform/http/routes.js';
import type { StaffContactsService } from './staff-contacts.service.js';
import { NOTICE_LANGUAGES, NOTICE_TOPICS } from './staff-notice-rules.js';

const tags = ['notice settings'];

const Language = Type.Enum([...NOTICE_LANGUAGES]);

const ContactSchema = Type.Object({
  userId: Type.Integer(),
  email: Nullable(Type.String()),
  mobile: Nullable(Type.String()),
  language: Language,
  updatedAt: Nullable(Type.String()),
});

const ContactBody = Type.Object(
  {
    email: Type.Optional(Nullable(Type.String({ maxLength: 320 }))),
    mobile: Type.Optional(Nullable(Type.String({ maxLength: 40 }))),
  },
  { additionalProperties: false },
);

const TopicChoice = Type.Object({
  topic: Type.String(),
  email: Type.Boolean(),
  sms: Type.Boolean(),
});

const SettingsSchema = Type.Object({
  email: Nullable(Type.String()),
  mobile: Nullable(Type.String()),
  language: Language,
  topics: Type.Array(
    Type.Object({
      topic: Type.Enum([...NOTICE_TOPICS]),
      email: Type.Boolean(),
      sms: Type.Boolean(),
    }),
  ),
});

const SettingsBody = Type.Object(
  {
    language: Type.Optional(Type.String({ maxLength: 10 })),
    topics: Type.Optional(Type.Array(TopicChoice, { maxItems: 20 })),
  },
  { additionalProperties: false },
);

/**
 * /users/:id/contact: a staff user's work e-mail and mobile (an admin sets them; the admin and
 * the user read them); /notice-settings: the caller's choice of supervision notices by e-mail and
 * SMS.
 */
export function staffNoticeRoutes(contacts: StaffContactsService) {
  return (root: FastifyInstance): void => {
    const app = root.withTypeProvider<TypeBoxTypeProvider>();

    app.get(
      '/users/:id/contact',
      {
        schema: {
          tags,
          summary: "A staff user's work e-mail and mobile (admin, or yourself)",
          params: IdParams,
          response: { 200: ContactSchema, ...errorResponses },
        },
      },
      async (request) => contacts.getContact(requireActor(request), request.params.id),
    );

    app.put(
      '/users/:id/contact',
      {
        schema: {
          tags,
          summary: "Set a staff user's work e-mail and mobile; '' or null clears one (admin)",
          params: IdParams,
          body: ContactBody,
          response: { 200: ContactSchema, ...errorResponses },
        },
      },
      async (request) =>
        contacts.setContact(requireActor(request), request.params.id, request.body),
    );

    app.get(
      '/notice-settings',
      {
        schema: {
          tags,
          summary: 'Your contact and which supervision notices reach you by e-mail and SMS',
          response: { 200: SettingsSchema, ...errorResponses },
        },
      },
      async (request) => contacts.mySettings(requireActor(request)),
    );

    app.put(
      '/notice-settings',
      {
        schema: {
          tags,
          summary: 'Choose which supervision notices reach you by e-mail and SMS, and the language',
          body: SettingsBody,
          response: { 200: SettingsSchema, ...errorResponses },
        },
      },
      async (request) => contacts.updateMySettings(requireActor(request), request.body),
    );
  };
}
