import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyRequest } from 'fastify';
import type { FixedWindowLimiter } from '../../platform/rate-limit.js';
import { Type } from 'typebox';
import { requireRole } from '../../platform/http/request-actor.js';
import {
  ErrorEnvelope,
  errorResponses,
  IdParams,
  type RouteRegistrar,
} from '../../platform/http/routes.js';
import { receiveUpload, type AttachmentService } from '../tickets/index.js';
import type { ContactService } from './contacts.service.js';
import {
  AcceptBody,
  CallerHistorySchema,
  ContactSchema,
  CreatedTicketSchema,
  CreateTicketBody,
  DirectAnswerBody,
  InvalidateBody,
  PublicAppealBody,
  PublicAppealReceipt,
  PublicAppealStatusSchema,
  RecordContactBody,
  ReferBody,
  StepOutcomeSchema,
  UpdateContactBody,
} from './intake.schemas.js';
import type { PublicAppealService } from './public-appeals.service.js';
import type { TicketIntakeService } from './ticket-intake.service.js';

export interface IntakeServices {
  contacts: ContactService;
  tickets: TicketIntakeService;
  publicAppeals: PublicAppealService;
  publicLimiter: FixedWindowLimiter;
  attachments: AttachmentService;
  attachmentMaxBytes: number;
}

const withErrors = <T extends object>(ok: T) => ({ ...ok, ...errorResponses });

function contactRoutes(api: Parameters<RouteRegistrar>[0], contacts: ContactService): void {
  const app = api.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['contacts'];
  app.post(
    '/contacts',
    {
      schema: {
        tags,
        summary: 'Record a contact (call, message, visit)',
        body: RecordContactBody,
        response: withErrors({ 201: ContactSchema }),
      },
    },
    async (request, reply) =>
      reply.status(201).send(await contacts.record(requireRole(request, 'operator'), request.body)),
  );
  app.get(
    '/contacts',
    {
      schema: {
        tags,
        summary: "A caller's history: earlier contacts and tickets, newest first",
        querystring: Type.Object({ caller: Type.String({ minLength: 1, maxLength: 64 }) }),
        response: withErrors({ 200: CallerHistorySchema }),
      },
    },
    async (request) => contacts.history(requireRole(request, 'operator'), request.query.caller),
  );
  app.patch(
    '/contacts/:id',
    {
      schema: {
        tags,
        summary: 'End a contact, set its outcome or summary',
        params: IdParams,
        body: UpdateContactBody,
        response: withErrors({ 200: ContactSchema }),
      },
    },
    async (request) =>
      contacts.update(requireRole(request, 'operator'), request.params.id, request.body),
  );
  app.post(
    '/contacts/:id/attach',
    {
      schema: {
        tags,
        summary: 'Attach a repeat contact to an open ticket',
        params: IdParams,
        body: Type.Object({ ticketId: Type.Integer({ minimum: 1 }) }),
        response: withErrors({ 200: ContactSchema }),
      },
    },
    async (request) =>
      contacts.attach(requireRole(request, 'operator'), request.params.id, request.body.ticketId),
  );
}

function ticketIntakeRoutes(api: Parameters<RouteRegistrar>[0], intake: TicketIntakeService): void {
  const app = api.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['intake'];
  const step = { params: IdParams, tags, response: withErrors({ 200: StepOutcomeSchema }) };
  app.post(
    '/tickets',
    {
      schema: {
        tags,
        summary: 'Create a ticket (durable: the number is returned once it is on disk)',
        body: CreateTicketBody,
        response: withErrors({ 201: CreatedTicketSchema }),
      },
    },
    async (request, reply) =>
      reply.status(201).send(await intake.create(requireRole(request, 'operator'), request.body)),
  );
  app.post(
    '/tickets/:id/accept',
    { schema: { ...step, summary: 'Accept a received ticket for dispatch', body: AcceptBody } },
    async (request) =>
      intake.accept(requireRole(request, 'operator'), request.params.id, request.body),
  );
  app.post(
    '/tickets/:id/direct-answer',
    {
      schema: {
        ...step,
        summary: 'Close a ticket with an answer at intake',
        body: DirectAnswerBody,
      },
    },
    async (request) =>
      intake.directAnswer(
        requireRole(request, 'operator', 'dispatcher'),
        request.params.id,
        request.body,
      ),
  );
  app.post(
    '/tickets/:id/refer',
    { schema: { ...step, summary: 'Refer out of scope (110/119/120/122/other)', body: ReferBody } },
    async (request) =>
      intake.refer(requireRole(request, 'operator', 'dispatcher'), request.params.id, request.body),
  );
  app.post(
    '/tickets/:id/invalidate',
    { schema: { ...step, summary: 'Close an invalid appeal with a reason', body: InvalidateBody } },
    async (request) =>
      intake.invalidate(
        requireRole(request, 'operator', 'dispatcher'),
        request.params.id,
        request.body,
      ),
  );
}

function publicRoutes(api: Parameters<RouteRegistrar>[0], services: IntakeServices): void {
  const { publicAppeals: appeals, publicLimiter: limiter, attachments } = services;
  const app = api.withTypeProvider<TypeBoxTypeProvider>();
  const tags = ['public'];
  const limited = { onRequest: async (request: FastifyRequest) => limiter.hit(request.ip) };
  app.post(
    '/public/appeals',
    {
      ...limited,
      schema: {
        tags,
        summary: 'File an appeal without an account (portal, app)',
        security: [],
        body: PublicAppealBody,
        response: { 201: PublicAppealReceipt, 400: ErrorEnvelope, 429: ErrorEnvelope },
      },
    },
    async (request, reply) => reply.status(201).send(await appeals.submit(request.body)),
  );
  app.get(
    '/public/appeals/:number',
    {
      ...limited,
      schema: {
        tags,
        summary: 'Follow an appeal with its number and query code',
        security: [],
        params: Type.Object({ number: Type.String({ maxLength: 32 }) }),
        querystring: Type.Object({ code: Type.String({ minLength: 1, maxLength: 64 }) }),
        response: {
          200: PublicAppealStatusSchema,
          400: ErrorEnvelope,
          404: ErrorEnvelope,
          429: ErrorEnvelope,
        },
      },
    },
    async (request) => appeals.track(request.params.number, request.query.code),
  );
  app.post(
    '/public/appeals/:number/photos',
    {
      ...limited,
      schema: {
        tags,
        summary: 'Add a photo to your appeal (multipart field "file"; images only, at most 4)',
        security: [],
        consumes: ['multipart/form-data'],
        params: Type.Object({ number: Type.String({ maxLength: 32 }) }),
        querystring: Type.Object({ code: Type.String({ minLength: 1, maxLength: 64 }) }),
        response: {
          201: Type.Object({ id: Type.Integer(), name: Type.String(), mime: Type.String() }),
          ...errorResponses,
          413: ErrorEnvelope,
          415: ErrorEnvelope,
          429: ErrorEnvelope,
        },
      },
    },
    async (request, reply) => {
      const ticket = await appeals.verify(request.params.number, request.query.code);
      // Checked before any byte is received: a refused photo never reaches the disk.
      await attachments.assertCitizenMayAddPhoto(ticket);
      const photo = await receiveUpload(request, services.attachmentMaxBytes, 'appeal', (file) =>
        attachments.uploadFromCitizen(ticket, {
          name: file.filename,
          declaredType: file.mimetype,
          content: file.file,
          truncated: () => file.file.truncated,
        }),
      );
      return reply.status(201).send({ id: photo.id, name: photo.name, mime: photo.mime });
    },
  );
}

/** Intake's HTTP routes: contacts, ticket creation and intake decisions, public appeals. */
export function intakeRoutes(services: IntakeServices): RouteRegistrar {
  return (api) => {
    contactRoutes(api, services.contacts);
    ticketIntakeRoutes(api, services.tickets);
    publicRoutes(api, services);
  };
}
