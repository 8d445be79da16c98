import type { FastifyInstance } from 'fastify';
import { Type, type TSchema } from 'typebox';

/** A module's HTTP adapter: registers its routes on the /api/v1 scope. */
export type RouteRegistrar = (app: FastifyInstance) => void;

/** The error envelope, declared on routes so OpenAPI shows it. */
export const ErrorEnvelope = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    requestId: Type.String(),
    field: Type.Optional(Type.String()),
    /** For a schema validation failure: the rule broken (minLength, required…) and its limit. */
    rule: Type.Optional(Type.String()),
    limit: Type.Optional(Type.Number()),
    allowed: Type.Optional(Type.Array(Type.String())),
  }),
});

/** Standard error responses for a route's schema. */
export const errorResponses = {
  400: ErrorEnvelope,
  401: ErrorEnvelope,
  403: ErrorEnvelope,
  404: ErrorEnvelope,
  409: ErrorEnvelope,
} as const;

/**
 * The schema, or null. Null comes first: the validator coerces types, and tried first a string
 * schema would turn a JSON null into '' (and a number schema into 0) instead of keeping it null.
 */
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([Type.Null(), schema]);

/** A page of results: { items, total, page, pageSize }. */
export const Page = <T extends TSchema>(item: T) =>
  Type.Object({
    items: Type.Array(item),
    total: Type.Integer(),
    /** Set when more items match than `total`: counting stops at a cap. */
    totalCapped: Type.Optional(Type.Boolean()),
    page: Type.Integer(),
    pageSize: Type.Integer(),
  });

export const IdParams = Type.Object({ id: Type.Integer({ minimum: 1 }) });
