import { Type } from 'typebox';
import { Nullable } from '../../platform/http/routes.js';

const DateTime = Type.String({ format: 'date-time' });

export const DeadlineKindSchema = Type.Union([
  Type.Literal('sign'),
  Type.Literal('reply'),
  Type.Literal('order'),
]);
export const StageSchema = Type.Union([
  Type.Literal('near'),
  Type.Literal('overdue'),
  Type.Literal('district'),
  Type.Literal('centre'),
]);
export const ReminderStageSchema = Type.Union([
  Type.Literal('near'),
  Type.Literal('overdue'),
  Type.Literal('district'),
  Type.Literal('centre'),
  Type.Literal('manual'),
]);
export const OrderStateSchema = Type.Union([
  Type.Literal('open'),
  Type.Literal('replied'),
  Type.Literal('closed'),
]);
export const RequestKindSchema = Type.Union([Type.Literal('exemption'), Type.Literal('objection')]);
export const AspectSchema = Type.Union([
  Type.Literal('all'),
  Type.Literal('satisfaction'),
  Type.Literal('timeliness'),
  Type.Literal('reopen'),
]);
export const ObjectionAspectSchema = Type.Union([
  Type.Literal('satisfaction'),
  Type.Literal('timeliness'),
  Type.Literal('reopen'),
]);
export const RequestStateSchema = Type.Union([
  Type.Literal('pending'),
  Type.Literal('approved'),
  Type.Literal('refused'),
]);

export const SettingsSchema = Type.Object({
  nearShare: Type.Number({ minimum: 0.5, maximum: 0.95 }),
  remindOnNear: Type.Boolean(),
  remindOnOverdue: Type.Boolean(),
  escalateDistrictAfterHours: Nullable(Type.Number({ minimum: 0, maximum: 2160 })),
  escalateCentreAfterHours: Nullable(Type.Number({ minimum: 0, maximum: 2160 })),
  compositeWeights: Type.Object({
    response: Type.Integer(),
    resolution: Type.Integer(),
    satisfaction: Type.Integer(),
  }),
});

export const SettingsViewSchema = Type.Object({
  nearShare: Type.Number(),
  remindOnNear: Type.Boolean(),
  remindOnOverdue: Type.Boolean(),
  escalateDistrictAfterHours: Nullable(Type.Number()),
  escalateCentreAfterHours: Nullable(Type.Number()),
  compositeWeights: Type.Object({
    response: Type.Integer(),
    resolution: Type.Integer(),
    satisfaction: Type.Integer(),
  }),
  defaults: SettingsSchema,
  updatedAt: Nullable(DateTime),
});

export const SettingsPatchSchema = Type.Object(
  {
    nearShare: Type.Optional(Type.Number({ minimum: 0.5, maximum: 0.95 })),
    remindOnNear: Type.Optional(Type.Boolean()),
    remindOnOverdue: Type.Optional(Type.Boolean()),
    escalateDistrictAfterHours: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 2160 }))),
    escalateCentreAfterHours: Type.Optional(Nullable(Type.Number({ minimum: 0, maximum: 2160 }))),
    compositeWeights: Type.Optional(
      Type.Object({
        response: Type.Number(),
        resolution: Type.Number(),
        satisfaction: Type.Number(),
      }),
    ),
  },
  { additionalProperties: false },
);

export const WatchItemSchema = Type.Object({
  ticketId: Type.Integer(),
  number: Type.String(),
  title: Type.String(),
  status: Type.String(),
  urgency: Type.String(),
  districtId: Nullable(Type.Integer()),
  unitId: Type.Integer(),
  role: Nullable(Type.Union([Type.Literal('lead'), Type.Literal('co')])),
  kind: DeadlineKindSchema,
  orderId: Nullable(Type.Integer()),
  startAt: DateTime,
  dueAt: DateTime,
  state: Type.Union([Type.Literal('near'), Type.Literal('overdue')]),
  secondsLeft: Type.Integer(),
  used: Type.Number(),
  reminders: Type.Integer(),
  lastReminderAt: Nullable(DateTime),
  level: Nullable(StageSchema),
});

export const ReminderSchema = Type.Object({
  id: Type.Integer(),
  ticketId: Type.Integer(),
  ticketNumber: Type.String(),
  ticketTitle: Type.String(),
  unitId: Type.Integer(),
  deadlineKind: DeadlineKindSchema,
  dueAt: Nullable(DateTime),
  stage: ReminderStageSchema,
  orderId: Nullable(Type.Integer()),
  actorId: Nullable(Type.Integer()),
  actorName: Nullable(Type.String()),
  note: Nullable(Type.String()),
  notified: Type.Integer(),
  createdAt: DateTime,
});

export const OrderStepSchema = Type.Object({
  id: Type.Integer(),
  action: Type.Union([
    Type.Literal('issue'),
    Type.Literal('reply'),
    Type.Literal('send_back'),
    Type.Literal('close'),
  ]),
  actorId: Nullable(Type.Integer()),
  actorName: Nullable(Type.String()),
  actorUnitId: Nullable(Type.Integer()),
  at: DateTime,
  text: Nullable(Type.String()),
  dueAt: Nullable(DateTime),
});

export const OrderSchema = Type.Object({
  id: Type.Integer(),
  ticketId: Type.Integer(),
  ticketNumber: Type.String(),
  ticketTitle: Type.String(),
  ticketDistrictId: Nullable(Type.Integer()),
  ticketStatus: Type.String(),
  unitId: Type.Integer(),
  state: OrderStateSchema,
  reason: Type.String(),
  requirement: Type.String(),
  startedAt: DateTime,
  dueAt: DateTime,
  issuedBy: Type.Integer(),
  issuedByName: Nullable(Type.String()),
  issuedAt: DateTime,
  replyText: Nullable(Type.String()),
  repliedAt: Nullable(DateTime),
  closedAt: Nullable(DateTime),
  closeNote: Nullable(Type.String()),
  rounds: Type.Integer(),
  version: Type.Integer(),
  steps: Type.Array(OrderStepSchema),
});

export const EvaluationRequestSchema = Type.Object({
  id: Type.Integer(),
  kind: RequestKindSchema,
  ticketId: Type.Integer(),
  ticketNumber: Type.String(),
  ticketTitle: Type.String(),
  unitId: Type.Integer(),
  aspect: AspectSchema,
  reason: Type.String(),
  attachmentId: Nullable(Type.Integer()),
  requestedBy: Type.Integer(),
  requestedByName: Nullable(Type.String()),
  createdAt: DateTime,
  state: RequestStateSchema,
  decidedBy: Nullable(Type.Integer()),
  decidedByName: Nullable(Type.String()),
  decidedAt: Nullable(DateTime),
  decisionReason: Nullable(Type.String()),
});

export const AdjustmentSchema = Type.Object({
  ticketId: Type.Integer(),
  unitId: Type.Integer(),
  aspect: AspectSchema,
  requestId: Type.Integer(),
  at: DateTime,
});

/** The deadline of an order: one of a time, working days or hours. */
export const OrderDeadlineFields = {
  dueAt: Type.Optional(DateTime),
  workingDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 30 })),
  hours: Type.Optional(Type.Number({ exclusiveMinimum: 0, maximum: 720 })),
};

export const PageQuery = {
  page: Type.Optional(Type.Integer({ minimum: 1 })),
  pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 200 })),
};

export const Text = (maxLength: number) => Type.String({ maxLength });
