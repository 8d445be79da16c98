import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/database.js';
import { ForbiddenError, NotFoundError, ValidationError } from '../../platform/errors.js';
import { newSecret } from '../../platform/ids.js';
import type { FixedWindowLimiter } from '../../platform/rate-limit.js';
import type { ChannelSettingsService } from '../channels/index.js';
import type { ChannelIntakeService } from '../intake/index.js';
import type { OrganisationService } from '../organisation/index.js';
import type { TicketStatus } from '../tickets/index.js';
import type { ApiKey, ApiKeyService } from './api-keys.service.js';
import { unitAt, type Area } from './geo-rules.js';
import {
  FORMATS,
  GEOREPORT_SPECIFICATION,
  type CreatedRequestDoc,
  type DiscoveryDoc,
  type RequestDoc,
  type ServiceDefinitionDoc,
  type ServiceDoc,
  type TokenDoc,
} from './georeport-documents.js';
import {
  findNumberByToken,
  insertOpen311Request,
  listRequests,
  type RequestFilter,
  type RequestRow,
} from './georeport.repository.js';
import { ProblemList, RequestProblems } from './open311-problems.js';
import {
  OPEN311_CHANNEL,
  readOpen311Settings,
  type Open311Locale,
  type Open311Settings,
} from './open311-settings.js';
import { formatInstant } from './open311-time.js';
import { MAX_RESULTS, readRequestQuery } from './request-query-rules.js';
import {
  DEFAULT_SERVICE_NOTICE,
  followUpNotice,
  open311StatusOf,
  statusNote,
  ticketStatusesOf,
} from './request-status.js';
import type { Open311Service, ServiceCatalog } from './service-catalog.js';
import { attributesUpdatedAt } from './service-attributes.repository.js';
import {
  checkTicketDescriptionLength,
  readSubmittedRequest,
  singleParam,
  ticketDescription,
  ticketTitle,
  type Params,
} from './service-request-rules.js';

/** Who calls, as the HTTP layer knows it. */
export interface CallContext {
  /** The client's address: requests without an API key are limited per address. */
  ip: string;
  /** The endpoint's URL as the client called it, for discovery when none is configured. */
  endpointUrl: string;
}

export interface GeoReportDeps {
  database: Database;
  clock: Clock;
  timeZone: string;
  settings: ChannelSettingsService;
  keys: ApiKeyService;
  catalog: ServiceCatalog;
  intake: ChannelIntakeService;
  organisation: OrganisationService;
  /** Requests per minute and client address without an API key (PUBLIC_RATE_LIMIT). */
  anonymousLimiter: FixedWindowLimiter;
}

/** When this API's documents were first published, for discovery before any attribute exists. */
const FIRST_CHANGESET = '2026-11-29T00:00:00.000Z';

const TOKEN = /^[A-Za-z0-9_-]{1,100}$/;

/** Intake's field names, as the Open311 parameter a client sent them in. */
const PARAMETER_OF: Record<string, string> = {
  description: 'description',
  title: 'description',
  address: 'address_string',
  lat: 'lat',
  lng: 'long',
  citizenName: 'first_name',
  senderName: 'first_name',
  citizenPhone: 'phone',
  sender: 'phone',
  categoryId: 'service_code',
  districtId: 'lat',
};

const DEFAULT_CONTACT: Record<Open311Locale, string> = {
  'zh-CN': '请联系 12345 热线中心的系统管理员',
  en: "Please contact the hotline centre's system administrator",
};
const DEFAULT_KEY_SERVICE: Record<Open311Locale, string> = {
  'zh-CN': 'API 密钥由热线中心系统管理员在管理工作台签发',
  en: "API keys are issued by the hotline centre's administrator in the admin workspace",
};

/**
 * GeoReport v2 (Open311) over our categories and tickets: discovery, services and their
 * definitions, filing requests as received tickets through the intake channel interface, and
 * reading them back without any personal data.
 */
export class GeoReportService {
  constructor(private readonly deps: GeoReportDeps) {}

  async discovery(params: Params, context: CallContext): Promise<DiscoveryDoc> {
    const { settings } = await this.begin(params, context, false);
    const changeset =
      settings.changeset ??
      formatInstant(
        (await attributesUpdatedAt(this.deps.database.db)) ?? FIRST_CHANGESET,
        this.deps.timeZone,
      );
    return {
      changeset,
      contact: settings.contact ?? DEFAULT_CONTACT[settings.locale],
      key_service: settings.keyService ?? DEFAULT_KEY_SERVICE[settings.locale],
      endpoints: [
        {
          specification: GEOREPORT_SPECIFICATION,
          url: settings.endpointUrl ?? context.endpointUrl,
          changeset,
          type: 'production',
          formats: [...FORMATS],
        },
      ],
    };
  }

  async services(params: Params, context: CallContext): Promise<ServiceDoc[]> {
    const { settings } = await this.begin(params, context, false);
    const [services, counts] = await Promise.all([
      this.deps.catalog.services(),
      this.deps.catalog.attributeCounts(),
    ]);
    const locale = settings.locale;
    return services.map((service) => ({
      service_code: service.code,
      service_name: serviceName(service, locale),
      description:
        locale === 'en'
          ? `${service.groupEn ?? service.group} > ${service.nameEn ?? service.name}`
          : service.path.join(' > '),
      metadata: (counts.get(service.categoryId) ?? 0) > 0,
      type: 'realtime',
      keywords: service.keywords.length > 0 ? service.keywords.join(', ') : null,
      group: locale === 'en' ? (service.groupEn ?? service.group) : service.group,
    }));
  }

  async serviceDefinition(
    params: Params,
    context: CallContext,
    code: string,
  ): Promise<ServiceDefinitionDoc> {
    await this.begin(params, context, false);
    const service = await this.deps.catalog.byCode(code);
    if (!service) throw new NotFoundError('service_code', code, 'SERVICE_NOT_FOUND');
    const attributes = await this.deps.catalog.attributesOf(service.categoryId);
    return {
      service_code: service.code,
      attributes: attributes.map((a) => ({
        variable: a.variable,
        code: a.code,
        datatype: a.datatype,
        required: a.required,
        datatype_description: a.datatypeDescription,
        order: a.order,
        description: a.description,
        values: a.values,
      })),
    };
  }

  /**
   * Files a service request as a received ticket (channel "app"), durable before the answer, and
   * records its token, attribute answers and media URL. Every problem of the input is reported
   * at once, and nothing is written unless all is well.
   */
  async submit(params: Params, context: CallContext): Promise<CreatedRequestDoc[]> {
    const { settings, key } = await this.begin(params, context, true);
    const problems = new ProblemList();
    const code = singleParam(params, 'service_code', problems);
    let service: Open311Service | null = null;
    if (code === null) {
      if (!problems.problems.some((p) => p.field === 'service_code')) {
        problems.add('service_code', 'is required', 'required');
      }
    } else {
      service = await this.deps.catalog.byCode(code);
      if (!service) problems.add('service_code', `has no service ${code}`, 'enum');
    }
    const definitions = service ? await this.deps.catalog.attributesOf(service.categoryId) : null;
    const request = readSubmittedRequest(params, definitions, this.deps.timeZone, problems);
    const name = service ? serviceName(service, settings.locale) : '';
    const description =
      service && definitions ? ticketDescription(request, name, definitions, settings.locale) : '';
    if (service) checkTicketDescriptionLength(description, problems);
    problems.check();
    const filed = service!;

    const districtId =
      request.lat !== null && request.lng !== null
        ? await this.districtAt(request.lat, request.lng)
        : null;
    const token = newSecret(16);
    let receipt;
    try {
      receipt = await this.deps.intake.fileAppeal({
        channel: 'app',
        // A token is new for every POST: a client that posts twice files twice, as it asked.
        externalId: token,
        sender: request.phone ?? request.email ?? request.accountId ?? request.deviceId,
        senderName: request.citizenName,
        summary: `Open311 ${filed.code} ${name}`,
        title: ticketTitle(name, request.description, settings.locale),
        description,
        categoryId: filed.categoryId,
        address: request.address,
        districtId,
        lat: request.lat,
        lng: request.lng,
        citizenName: request.citizenName,
        citizenPhone: request.phone,
      });
    } catch (error) {
      throw asProblems(error);
    }
    await this.deps.database.write((trx) =>
      insertOpen311Request(
        trx,
        {
          token,
          ticketId: receipt.ticketId,
          apiKeyId: key?.id ?? null,
          serviceCode: filed.code,
          description: request.description,
          mediaUrl: request.mediaUrl,
          at: this.deps.clock.now().toISOString(),
        },
        request.answers,
      ),
    );
    const notice = settings.serviceNotice ?? DEFAULT_SERVICE_NOTICE[settings.locale];
    return [
      {
        service_request_id: receipt.number,
        token,
        service_notice: receipt.queryCode
          ? `${notice} ${followUpNotice(receipt.number, receipt.queryCode, settings.locale)}`
          : notice,
        account_id: null,
      },
    ];
  }

  /** GET requests: by ids, or by service, status and window (default: the last 90 days), newest first, at most 1000. */
  async requests(params: Params, context: CallContext): Promise<RequestDoc[]> {
    const { settings } = await this.begin(params, context, false);
    const query = readRequestQuery(params, this.deps.clock.now(), this.deps.timeZone);
    const filter: RequestFilter =
      query.kind === 'ids'
        ? query
        : {
            ...query,
            statuses: query.statuses && ticketStatusesOf(query.statuses),
            limit: MAX_RESULTS,
          };
    const rows = await listRequests(this.deps.database.db, settings.publicRequests, filter);
    return rows.map((row) => this.toDoc(row, settings));
  }

  async request(params: Params, context: CallContext, number: string): Promise<RequestDoc[]> {
    const { settings } = await this.begin(params, context, false);
    const rows = /^[A-Za-z0-9-]{1,40}$/.test(number)
      ? await listRequests(this.deps.database.db, settings.publicRequests, {
          kind: 'ids',
          numbers: [number],
        })
      : [];
    if (rows.length === 0) {
      throw new NotFoundError('service_request_id', number, 'REQUEST_NOT_FOUND');
    }
    return rows.map((row) => this.toDoc(row, settings));
  }

  /** The request a token stands for: the ticket exists once POST answered, so always known. */
  async token(params: Params, context: CallContext, token: string): Promise<TokenDoc[]> {
    await this.begin(params, context, false);
    const number = TOKEN.test(token) ? await findNumberByToken(this.deps.database.db, token) : null;
    if (number === null) throw new NotFoundError('token', token, 'TOKEN_NOT_FOUND');
    return [{ service_request_id: number, token }];
  }

  /**
   * What every call checks first: the jurisdiction (404 for another one), the API key (403 when
   * bad, or missing where required) and the rate limit (per key, else per client address).
   */
  private async begin(
    params: Params,
    context: CallContext,
    keyRequired: boolean,
  ): Promise<{ settings: Open311Settings; key: ApiKey | null }> {
    const settings = readOpen311Settings(await this.deps.settings.values(OPEN311_CHANNEL));
    const problems = new ProblemList();
    const jurisdiction = singleParam(params, 'jurisdiction_id', problems);
    const apiKey = singleParam(params, 'api_key', problems);
    problems.check();
    if (jurisdiction !== null && jurisdiction !== settings.jurisdictionId) {
      throw new NotFoundError('jurisdiction_id', jurisdiction, 'JURISDICTION_NOT_FOUND');
    }
    if (keyRequired && apiKey === null) {
      throw new ForbiddenError('api_key is required to file a request', 'API_KEY_REQUIRED');
    }
    const key = await this.deps.keys.authenticate(apiKey);
    if (key) await this.deps.keys.countRequest(key);
    else this.deps.anonymousLimiter.hit(context.ip);
    return { settings, key };
  }

  private toDoc(row: RequestRow, settings: Open311Settings): RequestDoc {
    const { locale } = settings;
    const { timeZone } = this.deps;
    const status = row.status as TicketStatus;
    const confidential = row.confidential === 1;
    const unitName = locale === 'en' ? (row.unit_name_en ?? row.unit_name) : row.unit_name;
    const answered = status === 'replied' || status === 'closed';
    const replyShown = settings.publishReplies && answered && !confidential && row.reply_text;
    const updated = status === 'closed' ? (row.closed_at ?? row.updated_at) : row.updated_at;
    return {
      service_request_id: row.number,
      status: open311StatusOf(status),
      status_notes: replyShown
        ? row.reply_text
        : statusNote(
            {
              status,
              resolution: row.resolution,
              unitName,
              parentNumber: row.parent_number,
            },
            locale,
          ),
      service_name:
        (locale === 'en' ? (row.category_name_en ?? row.category_name) : row.category_name) ?? null,
      service_code: row.category_code ?? row.requested_service_code ?? '',
      // A request filed here shows the client's own words; other tickets their description.
      description: row.request_id !== null ? row.requested_description : row.description,
      agency_responsible: unitName,
      service_notice: settings.serviceNotice ?? DEFAULT_SERVICE_NOTICE[locale],
      requested_datetime: formatInstant(row.created_at, timeZone),
      updated_datetime: formatInstant(updated, timeZone),
      expected_datetime: row.reply_due_at ? formatInstant(row.reply_due_at, timeZone) : null,
      // Public: never the citizen's name, phone or e-mail; a confidential ticket not even where.
      address: confidential ? null : row.address,
      address_id: null,
      zipcode: null,
      lat: confidential || row.lat === null ? null : Number(row.lat),
      long: confidential || row.lng === null ? null : Number(row.lng),
      media_url: row.media_url,
    };
  }

  /** The district whose jurisdiction polygon holds the point, so routing can use it. */
  private async districtAt(lat: number, lng: number): Promise<number | null> {
    const districts = (await this.deps.organisation.listUnits({ type: 'district' })).filter(
      (unit) => unit.hasJurisdiction,
    );
    const areas: Array<{ id: number; area: Area }> = [];
    for (const district of districts) {
      const area = await this.deps.organisation.getJurisdiction(district.id);
      if (area) areas.push({ id: district.id, area });
    }
    return unitAt(areas, lat, lng)?.id ?? null;
  }
}

const serviceName = (service: Open311Service, locale: Open311Locale): string =>
  locale === 'en' ? (service.nameEn ?? service.name) : service.name;

/** Intake's refusal of a field, as a problem of the Open311 parameter it came from. */
function asProblems(error: unknown): unknown {
  if (!(error instanceof ValidationError) || error instanceof RequestProblems) return error;
  const details = (error.details ?? {}) as { rule?: string; limit?: number; allowed?: string[] };
  const field = PARAMETER_OF[error.field] ?? error.field;
  const message = error.message.startsWith(`${error.field} `)
    ? error.message.slice(error.field.length + 1)
    : error.message;
  return new RequestProblems([
    {
      field,
      message,
      rule: details.rule ?? 'invalid',
      ...(details.limit !== undefined && { limit: details.limit }),
      ...(details.allowed && { allowed: details.allowed }),
    },
  ]);
}
