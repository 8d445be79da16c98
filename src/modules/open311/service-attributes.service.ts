import { requireRoles, type Actor } from '../../platform/actor.js';
import type { AuditLog } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import type { Database } from '../../platform/db/database.js';
import { NotFoundError } from '../../platform/errors.js';
import {
  checkAttributeDefinitions,
  type AttributeDefinition,
  type AttributeDefinitionInput,
} from './attribute-rules.js';
import type { Open311Service, ServiceCatalog } from './service-catalog.js';
import { attributesUpdatedAt, replaceAttributes } from './service-attributes.repository.js';

export interface ServiceSummary extends Open311Service {
  attributeCount: number;
}

export interface ServiceAttributes {
  service: Open311Service;
  attributes: AttributeDefinition[];
  updatedAt: string | null;
}

/** The admin's side of service definitions: which questions each service asks. */
export class ServiceAttributeService {
  constructor(
    private readonly database: Database,
    private readonly clock: Clock,
    private readonly audit: AuditLog,
    private readonly catalog: ServiceCatalog,
  ) {}

  async listServices(actor: Actor): Promise<ServiceSummary[]> {
    this.requireAdmin(actor);
    const [services, counts] = await Promise.all([
      this.catalog.services(),
      this.catalog.attributeCounts(),
    ]);
    return services.map((s) => ({ ...s, attributeCount: counts.get(s.categoryId) ?? 0 }));
  }

  async getAttributes(actor: Actor, categoryId: number): Promise<ServiceAttributes> {
    this.requireAdmin(actor);
    return this.read(await this.service(categoryId));
  }

  /** Replaces the service's whole list of attributes (the list's order is theirs). */
  async replaceAttributes(
    actor: Actor,
    categoryId: number,
    inputs: readonly AttributeDefinitionInput[],
  ): Promise<ServiceAttributes> {
    this.requireAdmin(actor);
    const service = await this.service(categoryId);
    const definitions = checkAttributeDefinitions(inputs);
    await this.database.write(async (trx) => {
      await replaceAttributes(
        trx,
        categoryId,
        definitions,
        actor.userId,
        this.clock.now().toISOString(),
      );
      await this.audit.recordIn(trx, {
        actorId: actor.userId,
        action: 'open311.attributes.replace',
        subjectType: 'category',
        subjectId: categoryId,
        detail: { serviceCode: service.code, codes: definitions.map((d) => d.code) },
      });
    });
    return this.read(service);
  }

  private async read(service: Open311Service): Promise<ServiceAttributes> {
    const [attributes, updatedAt] = await Promise.all([
      this.catalog.attributesOf(service.categoryId),
      attributesUpdatedAt(this.database.db, service.categoryId),
    ]);
    return { service, attributes, updatedAt };
  }

  private async service(categoryId: number): Promise<Open311Service> {
    const service = await this.catalog.byCategoryId(categoryId);
    if (!service) {
      throw new NotFoundError(
        'Open311 service of category',
        categoryId,
        'OPEN311_SERVICE_NOT_FOUND',
      );
    }
    return service;
  }

  private requireAdmin(actor: Actor): void {
    requireRoles(actor, ['admin'], 'Only an admin sets the questions of Open311 services');
  }
}
