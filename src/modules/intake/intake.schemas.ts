import { Type } from 'typebox';
import { Nullable } from '../../platform/http/routes.js';
import {
  AppealTypeSchema,
  ChannelSchema,
  TicketListItemSchema,
  TicketStatusSchema,
  UrgencySchema,
} from '../tickets/index.js';
import { CONTACT_OUTCOMES, DISPOSITIONS, LIMITS, REFERRAL_TARGETS } from './appeal-rules.js';

const Time = Type.String({ format: 'date-time' });
const Id = Type.Integer({ minimum: 1 });
const Text = (maxLength: number) => Type.String({ maxLength });
const Opt = <T extends Parameters<typeof Type.Optional>[0]>(schema: T) =>
  Type.Optional(Nullable(schema));

export const ContactOutcomeSchema = Type.Enum(CONTACT_OUTCOMES);
const Phone = Type.String({ maxLength: 20, description: "digits, '+', '-' and spaces" });

export const ContactSchema = Type.Object({
  id: Type.Integer(),
  channel: ChannelSchema,
  callerNumber: Nullable(Type.String()),
  callerName: Nullable(Type.String()),
  startedAt: Time,
  answeredAt: Nullable(Time),
  endedAt: Nullable(Time),
  outcome: ContactOutcomeSchema,
  operatorId: Nullable(Type.Integer()),
  ticketId: Nullable(Type.Integer()),
  summary: Nullable(Type.String()),
  referralTarget: Nullable(Type.String()),
});

export const RecordContactBody = Type.Object({
  channel: ChannelSchema,
  callerNumber: Opt(Text(64)),
  callerName: Opt(Text(LIMITS.name)),
  startedAt: Time,
  answeredAt: Opt(Time),
  endedAt: Opt(Time),
  outcome: Type.Optional(ContactOutcomeSchema),
  summary: Opt(Text(LIMITS.summary)),
});

export const UpdateContactBody = Type.Object({
  answeredAt: Opt(Time),
  endedAt: Opt(Time),
  outcome: Type.Optional(ContactOutcomeSchema),
  summary: Opt(Text(LIMITS.summary)),
});

export const CallerHistorySchema = Type.Object({
  callerNumber: Type.String(),
  contacts: Type.Array(ContactSchema),
  tickets: Type.Array(TicketListItemSchema),
});

const appealFields = {
  categoryId: Opt(Id),
  address: Opt(Text(LIMITS.address)),
  districtId: Opt(Id),
  lat: Opt(Type.Number({ minimum: -90, maximum: 90 })),
  lng: Opt(Type.Number({ minimum: -180, maximum: 180 })),
  citizenName: Opt(Text(LIMITS.name)),
  confidential: Type.Optional(Type.Boolean()),
  description: Type.String({ minLength: 1, maxLength: LIMITS.description }),
};

export const CreateTicketBody = Type.Object({
  ...appealFields,
  channel: ChannelSchema,
  appealType: AppealTypeSchema,
  urgency: UrgencySchema,
  title: Opt(Text(LIMITS.title)),
  streetId: Opt(Id),
  citizenPhone: Opt(Phone),
  contactRequired: Type.Optional(Type.Boolean()),
  contactId: Opt(Id),
  disposition: Type.Optional(
    Type.Enum(DISPOSITIONS, {
      description: 'default: dispatch for phone and walk-in, else received',
    }),
  ),
  answer: Opt(Text(LIMITS.answer)),
  referralTarget: Opt(Type.Enum(REFERRAL_TARGETS)),
  referralReason: Opt(Text(LIMITS.reason)),
});

export const CreatedTicketSchema = Type.Object({
  id: Type.Integer(),
  number: Type.String(),
  status: TicketStatusSchema,
  queryCode: Type.Optional(Type.String()),
});

export const StepOutcomeSchema = Type.Object({
  id: Type.Integer(),
  number: Type.String(),
  status: TicketStatusSchema,
  version: Type.Integer(),
});

const Version = { expectedVersion: Type.Optional(Type.Integer({ minimum: 0 })) };

export const AcceptBody = Type.Object({
  categoryId: Opt(Id),
  districtId: Opt(Id),
  streetId: Opt(Id),
  urgency: Type.Optional(UrgencySchema),
  appealType: Type.Optional(AppealTypeSchema),
  ...Version,
});
export const DirectAnswerBody = Type.Object({
  answer: Type.String({ minLength: 1, maxLength: LIMITS.answer }),
  ...Version,
});
export const ReferBody = Type.Object({
  target: Type.Enum(REFERRAL_TARGETS),
  reason: Type.String({ minLength: 1, maxLength: LIMITS.reason }),
  ...Version,
});
export const InvalidateBody = Type.Object({
  reason: Type.String({ minLength: 1, maxLength: LIMITS.reason }),
  ...Version,
});

export const PublicAppealBody = Type.Object({
  ...appealFields,
  appealType: Type.Optional(AppealTypeSchema),
  citizenPhone: Phone,
  channel: Type.Optional(Type.Enum(['web', 'app'])),
});

export const PublicAppealReceipt = Type.Object({
  number: Type.String(),
  queryCode: Type.String({ description: 'shown once: keep it to follow the appeal' }),
});

export const PublicAppealStatusSchema = Type.Object({
  number: Type.String(),
  status: TicketStatusSchema,
  category: Nullable(
    Type.Object({ id: Type.Integer(), name: Type.String(), path: Type.Array(Type.String()) }),
  ),
  createdAt: Time,
  replyText: Nullable(Type.String()),
  repliedAt: Nullable(Time),
  /** The reply waits for the citizen's evaluation (POST /public/appeals/:number/evaluation). */
  canEvaluate: Type.Boolean(),
});
