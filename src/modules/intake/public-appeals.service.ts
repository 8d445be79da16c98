import { timingSafeEqual } from 'node:crypto';
import { DomainError, NotFoundError, ValidationError } from '../../platform/errors.js';
import type { CategoryService } from '../catalogue/index.js';
import {
  findTicketRowByNumber,
  isTicketStatus,
  type AppealType,
  type TicketRow,
  type TicketStatus,
} from '../tickets/index.js';
import { hashQueryCode, newQueryCode } from './appeal-rules.js';
import type { AppealValidator } from './appeal-validation.js';
import { writeNewTicket, type WriterDeps } from './ticket-writer.js';

/** What a citizen sends from the portal or the app, without an account. */
export interface PublicAppealInput {
  description: string;
  appealType?: AppealType;
  categoryId?: number | null;
  address?: string | null;
  districtId?: number | null;
  lat?: number | null;
  lng?: number | null;
  citizenName?: string | null;
  citizenPhone: string;
  confidential?: boolean;
  channel?: 'web' | 'app';
}

/** What anyone with the number and the query code may see: no personal data. */
export interface PublicAppealStatus {
  number: string;
  status: TicketStatus;
  category: { id: number; name: string; path: string[] } | null;
  createdAt: string;
  replyText: string | null;
  repliedAt: string | null;
  canEvaluate: boolean;
}

const ANSWERED: readonly TicketStatus[] = ['replied', 'closed'];

/** Appeals filed by citizens themselves: received first, followed with a query code. */
export class PublicAppealService {
  constructor(
    private readonly deps: WriterDeps,
    private readonly validator: AppealValidator,
    private readonly categories: CategoryService,
  ) {}

  async submit(input: PublicAppealInput): Promise<{ number: string; queryCode: string }> {
    if (!input.citizenPhone?.trim()) {
      throw new ValidationError('citizenPhone', 'citizenPhone is required, to be called back');
    }
    const channel = input.channel ?? 'web';
    if (channel !== 'web' && channel !== 'app') {
      throw new ValidationError('channel', 'channel must be web or app');
    }
    // Field by field: a citizen sets no urgency, title or street, whatever else the body holds.
    const appeal = await this.validator.validate({
      channel,
      appealType: input.appealType ?? 'help',
      urgency: 'normal',
      description: input.description,
      categoryId: input.categoryId,
      address: input.address,
      districtId: input.districtId,
      lat: input.lat,
      lng: input.lng,
      citizenName: input.citizenName,
      citizenPhone: input.citizenPhone,
      confidential: input.confidential,
    });
    const queryCode = newQueryCode();
    const startedAt = this.deps.clock.now().toISOString();
    const created = await this.deps.database.write((trx) =>
      writeNewTicket(trx, this.deps, null, {
        appeal,
        step: { kind: 'received' },
        contact: { record: { startedAt } },
        queryCodeHash: hashQueryCode(queryCode),
      }),
    );
    return { number: created.number, queryCode };
  }

  /**
   * The ticket of an appeal number, if `code` is its query code; a wrong code reads exactly
   * like an unknown number (APPEAL_NOT_FOUND), compared in constant time.
   */
  async verify(number: string, code: string): Promise<TicketRow> {
    const row = await findTicketRowByNumber(this.deps.database.db, number);
    const expected = row?.query_code_hash ? Buffer.from(row.query_code_hash, 'hex') : null;
    const given = Buffer.from(hashQueryCode(code ?? ''), 'hex');
    if (
      !row ||
      !expected ||
      expected.length !== given.length ||
      !timingSafeEqual(expected, given)
    ) {
      throw new NotFoundError('Appeal', number, 'APPEAL_NOT_FOUND');
    }
    return row;
  }

  async track(number: string, code: string): Promise<PublicAppealStatus> {
    const row = await this.verify(number, code);
    const status = isTicketStatus(row.status) ? row.status : 'received';
    const answered = ANSWERED.includes(status);
    return {
      number: row.number,
      status,
      category: await this.category(row.category_id),
      createdAt: row.created_at,
      replyText: answered ? row.reply_text : null,
      repliedAt: answered ? row.replied_at : null,
      canEvaluate: status === 'replied',
    };
  }

  private async category(id: number | null): Promise<PublicAppealStatus['category']> {
    if (id === null) return null;
    try {
      const category = await this.categories.getCategory(id);
      return { id: category.id, name: category.name, path: category.path };
    } catch (error) {
      if (error instanceof DomainError && error.code === 'CATEGORY_NOT_FOUND') return null;
      throw error;
    }
  }
}
