import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyInstance } from 'fastify';
import { Type } from 'typebox';
import { requireActor } from '../../../platform/http/request-actor.js';
import { ErrorEnvelope, errorResponses } from '../../../platform/http/routes.js';
import { ValidationError } from '../../../platform/errors.js';
import { PdfUnavailableError } from './report-pdf.js';
import { REPORT_LANGS, type ReportLang } from './report-text.js';
import {
  EXPORT_FORMATS,
  EXPORT_TABLES,
  type ExportFormat,
  type ExportTable,
  type ReportsService,
} from './reports.service.js';

const tags = ['supervision'];
const Lang = Type.Optional(Type.Union(REPORT_LANGS.map((lang) => Type.Literal(lang))));
const Id = Type.Optional(Type.Integer({ minimum: 1 }));
// A file's bytes: fastify sends a string or Buffer as it is, without the JSON serializer.
const FileBody = Type.Unsafe<string | Buffer>({ type: 'string', format: 'binary' });
const REPORT_FILE = /^(\d{4}-\d{2})\.(html|pdf)$/;
const EXPORT_FILE = new RegExp(`^(${EXPORT_TABLES.join('|')})\\.(${EXPORT_FORMATS.join('|')})$`);

/** `attachment; filename=…` that keeps a non-ASCII name (RFC 6266, RFC 5987). */
const attachment = (fileName: string) =>
  `attachment; filename="${fileName.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(fileName)}`;

/** HTTP adapter of the reports: the monthly report (HTML, PDF) and the tables' exports. */
export function reportsRoutes(reports: ReportsService) {
  return (base: FastifyInstance): void => {
    const app = base.withTypeProvider<TypeBoxTypeProvider>();

    app.get(
      '/supervision/reports/:file',
      {
        schema: {
          tags,
          summary:
            'The monthly supervision report (月度督办考核报告): `2026-11.html` printable on A4, `2026-11.pdf` printed by Chromium',
          params: Type.Object({ file: Type.String({ pattern: REPORT_FILE.source }) }),
          querystring: Type.Object({ lang: Lang, districtId: Id }),
          produces: ['text/html', 'application/pdf'],
          response: { 200: FileBody, ...errorResponses, 503: ErrorEnvelope },
        },
      },
      async (request, reply) => {
        const actor = requireActor(request);
        const [, month, kind] = REPORT_FILE.exec(request.params.file)!;
        const input = {
          month: month!,
          lang: (request.query.lang ?? 'zh-CN') as ReportLang,
          districtId: request.query.districtId,
        };
        if (kind === 'html') {
          const html = await reports.reportHtml(actor, input);
          return reply.type('text/html; charset=utf-8').send(html);
        }
        try {
          const pdf = await reports.reportPdf(actor, input);
          return reply
            .type('application/pdf')
            .header('content-disposition', attachment(`report-${month}-${input.lang}.pdf`))
            .send(pdf);
        } catch (error) {
          if (!(error instanceof PdfUnavailableError)) throw error;
          return reply.status(503).send({
            error: { code: error.code, message: error.message, requestId: request.id },
          });
        }
      },
    );

    app.get(
      '/supervision/exports/:file',
      {
        schema: {
          tags,
          summary:
            'A dashboard table as CSV (UTF-8 with BOM) or XLSX: `measures` (from, to, by, filters), `rankings` (month), `tickets` (the drill-down: count, from, to, by, key, filters)',
          params: Type.Object({ file: Type.String({ pattern: EXPORT_FILE.source }) }),
          querystring: Type.Object({
            lang: Lang,
            from: Type.Optional(Type.String({ maxLength: 10 })),
            to: Type.Optional(Type.String({ maxLength: 10 })),
            by: Type.Optional(Type.String({ maxLength: 20 })),
            month: Type.Optional(Type.String({ maxLength: 7 })),
            count: Type.Optional(Type.String({ maxLength: 30 })),
            key: Type.Optional(Type.String({ maxLength: 100 })),
            unitId: Id,
            unitType: Type.Optional(Type.String({ maxLength: 20 })),
            districtId: Id,
            categoryId: Id,
            channel: Type.Optional(Type.String({ maxLength: 20 })),
          }),
          produces: [
            'text/csv',
            'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
          ],
          response: { 200: FileBody, ...errorResponses },
        },
      },
      async (request, reply) => {
        const actor = requireActor(request);
        const match = EXPORT_FILE.exec(request.params.file);
        if (!match)
          throw new ValidationError('file', 'Not an export', 'VALIDATION_FAILED', {
            rule: 'pattern',
          });
        const { lang, ...query } = request.query;
        const file = await reports.exportTable(
          actor,
          match[1] as ExportTable,
          match[2] as ExportFormat,
          lang ?? 'zh-CN',
          query,
        );
        return reply
          .type(file.contentType)
          .header('content-disposition', attachment(file.fileName))
          .send(file.body);
      },
    );
  };
}
