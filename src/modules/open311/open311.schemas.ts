// Response schemas of the GeoReport v2 routes (what fastify serialises: fields not declared here
// never leave the server) and of the admin routes.
import { Type } from 'typebox';
import { Nullable } from '../../platform/http/routes.js';
import { DATATYPES } from './attribute-rules.js';

const DateTime = Type.String({ format: 'date-time' });
const ListValueSchema = Type.Object({ key: Type.String(), name: Type.String() });

export const ErrorsSchema = Type.Array(
  Type.Object({
    code: Type.Integer({ description: 'the HTTP status' }),
    description: Type.String({ description: 'the parameter, what is wrong, and the rule' }),
  }),
  { description: 'GeoReport v2 errors document' },
);

export const DiscoverySchema = Type.Object({
  changeset: DateTime,
  contact: Nullable(Type.String()),
  key_service: Nullable(Type.String()),
  endpoints: Type.Array(
    Type.Object({
      specification: Type.String(),
      url: Type.String(),
      changeset: DateTime,
      type: Type.String(),
      formats: Type.Array(Type.String()),
    }),
  ),
});

export const ServicesSchema = Type.Array(
  Type.Object({
    service_code: Type.String(),
    service_name: Type.String(),
    description: Nullable(Type.String()),
    metadata: Type.Boolean(),
    type: Type.String(),
    keywords: Nullable(Type.String()),
    group: Nullable(Type.String()),
  }),
);

export const ServiceDefinitionSchema = Type.Object({
  service_code: Type.String(),
  attributes: Type.Array(
    Type.Object({
      variable: Type.Boolean(),
      code: Type.String(),
      datatype: Type.Enum(DATATYPES),
      required: Type.Boolean(),
      datatype_description: Nullable(Type.String()),
      order: Type.Integer(),
      description: Type.String(),
      values: Type.Array(ListValueSchema),
    }),
  ),
});

export const RequestsSchema = Type.Array(
  Type.Object({
    service_request_id: Type.String(),
    status: Type.Enum(['open', 'closed']),
    status_notes: Nullable(Type.String()),
    service_name: Nullable(Type.String()),
    service_code: Type.String(),
    description: Nullable(Type.String()),
    agency_responsible: Nullable(Type.String()),
    service_notice: Nullable(Type.String()),
    requested_datetime: DateTime,
    updated_datetime: Nullable(DateTime),
    expected_datetime: Nullable(DateTime),
    address: Nullable(Type.String()),
    address_id: Nullable(Type.String()),
    zipcode: Nullable(Type.String()),
    lat: Nullable(Type.Number()),
    long: Nullable(Type.Number()),
    media_url: Nullable(Type.String()),
  }),
);

export const CreatedRequestsSchema = Type.Array(
  Type.Object({
    service_request_id: Type.String(),
    token: Type.String(),
    service_notice: Nullable(Type.String()),
    account_id: Nullable(Type.String()),
  }),
);

export const TokensSchema = Type.Array(
  Type.Object({ service_request_id: Nullable(Type.String()), token: Type.String() }),
);

/** The parameters every call takes, from the query string (POST: also from the form body). */
const Param = Type.Optional(Type.Union([Type.String(), Type.Array(Type.String())]));
export const CommonQuery = Type.Object(
  {
    jurisdiction_id: Param,
    api_key: Param,
  },
  { additionalProperties: true },
);
export const RequestsQuery = Type.Object(
  {
    jurisdiction_id: Param,
    api_key: Param,
    service_request_id: Type.Optional(
      Type.Union([Type.String(), Type.Array(Type.String())], {
        description: 'comma-delimited ticket numbers; overrides every other filter',
      }),
    ),
    service_code: Type.Optional(
      Type.Union([Type.String(), Type.Array(Type.String())], { description: 'comma-delimited' }),
    ),
    start_date: Param,
    end_date: Param,
    status: Type.Optional(
      Type.Union([Type.String(), Type.Array(Type.String())], { description: 'open, closed' }),
    ),
  },
  { additionalProperties: true },
);

// The admin side.

export const ApiKeySchema = Type.Object({
  id: Type.Integer(),
  name: Type.String(),
  prefix: Type.String({ description: "the key's first characters" }),
  rateLimitPerMinute: Type.Integer(),
  active: Type.Boolean(),
  createdBy: Nullable(Type.Object({ id: Type.Integer(), name: Type.String() })),
  createdAt: DateTime,
  lastUsedAt: Nullable(DateTime),
  revokedAt: Nullable(DateTime),
});

export const NewApiKeyBody = Type.Object({
  name: Type.String({ minLength: 1, maxLength: 100 }),
  rateLimitPerMinute: Type.Optional(Nullable(Type.Integer({ minimum: 1, maximum: 999_999 }))),
});

export const ApiKeyPatchBody = Type.Object({
  name: Type.Optional(Type.String({ minLength: 1, maxLength: 100 })),
  rateLimitPerMinute: Type.Optional(Type.Integer({ minimum: 1, maximum: 999_999 })),
});

export const CreatedApiKeySchema = Type.Object({
  key: ApiKeySchema,
  apiKey: Type.String({ description: 'the key itself: shown this once, never again' }),
});

const ServiceFields = {
  categoryId: Type.Integer(),
  code: Type.String(),
  name: Type.String(),
  nameEn: Nullable(Type.String()),
  group: Type.String(),
  groupEn: Nullable(Type.String()),
  path: Type.Array(Type.String()),
  keywords: Type.Array(Type.String()),
};

export const ServiceSummarySchema = Type.Object({
  ...ServiceFields,
  attributeCount: Type.Integer(),
});

export const AttributeDefinitionSchema = Type.Object({
  code: Type.String(),
  variable: Type.Boolean(),
  datatype: Type.Enum(DATATYPES),
  required: Type.Boolean(),
  description: Type.String(),
  datatypeDescription: Nullable(Type.String()),
  order: Type.Integer(),
  values: Type.Array(ListValueSchema),
});

export const ServiceAttributesSchema = Type.Object({
  service: Type.Object(ServiceFields),
  attributes: Type.Array(AttributeDefinitionSchema),
  updatedAt: Nullable(DateTime),
});

export const ServiceAttributesBody = Type.Object({
  attributes: Type.Array(
    Type.Object({
      code: Type.String({ maxLength: 64 }),
      variable: Type.Optional(Type.Boolean()),
      datatype: Type.String(),
      required: Type.Optional(Type.Boolean()),
      description: Type.String({ maxLength: 500 }),
      datatypeDescription: Type.Optional(Nullable(Type.String({ maxLength: 500 }))),
      // Not nullable: with the app's array coercion, a one-item list would not pass a null|array union.
      values: Type.Optional(
        Type.Array(
          Type.Object({
            key: Type.String({ maxLength: 64 }),
            name: Type.String({ maxLength: 200 }),
          }),
        ),
      ),
    }),
    { maxItems: 50 },
  ),
});
