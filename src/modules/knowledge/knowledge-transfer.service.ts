import { requireRoles, type Actor } from '../../platform/actor.js';
import { CsvSyntaxError, parseCsvTable, writeCsv } from '../../platform/csv.js';
import { DomainError, ValidationError } from '../../platform/errors.js';
import type { ArticleContent, ArticleInput } from './article.js';
import {
  CSV_EXPORT_COLUMNS,
  csvRecordOf,
  FILE_FIELD,
  fileFieldOf,
  readCsvArticle,
  readMarkdownArticle,
  writeMarkdownArticle,
  type ArticleRecord as FileRecord,
  type ExportedArticle,
  type FileProblem,
} from './article-files.js';
import type { ArticleQueryService } from './article-query.service.js';
import { buildContent } from './article-rules.js';
import { writeNewArticle, writeNewVersion } from './article-writer.js';
import {
  allArticles,
  findArticle,
  lockArticle,
  type ArticleRecord,
} from './articles.repository.js';
import {
  assertCanEdit,
  assertCanOwn,
  requireEditor,
  seesAllArticles,
  type KnowledgeActor,
} from './knowledge-access.js';
import type { KnowledgeContext } from './knowledge-context.js';

export interface ImportFile {
  name: string;
  text: string;
}

export interface ImportResult {
  created: number;
  updated: number;
  errors: FileProblem[];
}

/** An article checked and ready to write: new, or a new version of an existing one. */
interface PlannedArticle {
  file: string;
  existingId: number | null;
  content: ArticleContent;
}

/** Codes (categories, units) to ids and back, for files that name them by code. */
interface Codes {
  categoryId: Map<string, number>;
  categoryCode: Map<number, string>;
  unitId: Map<string, number>;
  unitCode: Map<number, string>;
}

/** The API's field names in a message, as the file calls them. */
const inFileWords = (message: string): string =>
  Object.entries(FILE_FIELD).reduce((text, [api, file]) => text.replaceAll(api, file), message);

/** Articles to and from files: Markdown with front matter, and CSV. */
export class KnowledgeTransferService {
  constructor(
    private readonly context: KnowledgeContext,
    private readonly query: ArticleQueryService,
  ) {}

  /** The working copies the actor keeps (their unit's; all for the centre), as CSV. */
  async exportCsv(actor: Actor): Promise<string> {
    requireRoles(actor, ['kb_editor', 'admin', 'supervisor']);
    const who = await this.context.who(actor);
    const articles = await allArticles(
      this.context.database.db,
      seesAllArticles(who) ? undefined : [actor.unitId],
    );
    const codes = await this.codes();
    return writeCsv([
      [...CSV_EXPORT_COLUMNS],
      ...articles.map((article) => csvRecordOf(exported(article, article.content, codes))),
    ]);
  }

  /** One article as Markdown with front matter (the version the actor may read). */
  async markdownOf(actor: Actor, id: number): Promise<{ filename: string; text: string }> {
    const { article, live } = await this.query.shownTo(actor, id);
    const codes = await this.codes();
    const content = live?.content ?? article.content;
    return {
      filename: `article-${id}.md`,
      text: writeMarkdownArticle(exported(article, content, codes)),
    };
  }

  /**
   * Creates and updates articles from .md and .csv files, as drafts of the importing editor: all
   * of them, or (when any record has a problem) none, with every problem listed.
   */
  async import(actor: Actor, files: readonly ImportFile[]): Promise<ImportResult> {
    requireEditor(actor);
    if (files.length === 0)
      throw new ValidationError('file', 'Attach .md or .csv files (multipart)');
    const who = await this.context.who(actor);
    const codes = await this.codes();
    const problems: FileProblem[] = [];
    const plans: PlannedArticle[] = [];
    const seen = new Set<number>();
    for (const file of files) {
      for (const read of readFile(file)) {
        if ('problems' in read) {
          problems.push(...read.problems);
          continue;
        }
        const { record } = read;
        if (record.id !== null) {
          if (seen.has(record.id)) {
            problems.push({
              file: record.file,
              line: record.lineOf('id'),
              field: 'id',
              message: `article ${record.id} appears twice`,
            });
            continue;
          }
          seen.add(record.id);
        }
        const planned = await this.plan(who, record, codes);
        if ('problem' in planned) problems.push(planned.problem);
        else plans.push(planned);
      }
    }
    if (problems.length > 0) return { created: 0, updated: 0, errors: problems };
    return this.write(actor, plans);
  }

  private async write(actor: Actor, plans: readonly PlannedArticle[]): Promise<ImportResult> {
    const { database } = this.context;
    const at = this.context.now();
    return database.write(async (trx) => {
      const result: ImportResult = { created: 0, updated: 0, errors: [] };
      for (const plan of plans) {
        const change = { actor, at, note: `imported from ${plan.file}`, via: 'import' as const };
        if (plan.existingId === null) {
          await writeNewArticle(trx, plan.content, change);
          result.created += 1;
        } else {
          const article = await lockArticle(trx, database.dialect, plan.existingId);
          if (await writeNewVersion(trx, article, plan.content, change)) result.updated += 1;
        }
      }
      return result;
    });
  }

  /** One record checked like an API request: codes, fields, permissions, references. */
  private async plan(
    who: KnowledgeActor,
    record: FileRecord,
    codes: Codes,
  ): Promise<PlannedArticle | { problem: FileProblem }> {
    const problem = (field: string, message: string) => ({
      problem: {
        file: record.file,
        line: record.lineOf(field),
        field: fileFieldOf(field),
        message: inFileWords(message),
      },
    });
    const categoryIds: number[] = [];
    for (const code of record.categoryCodes ?? []) {
      const id = codes.categoryId.get(code);
      if (id === undefined) return problem('categoryIds', `no category has the code ${code}`);
      categoryIds.push(id);
    }
    const ownerUnitId =
      record.ownerCode === undefined ? undefined : codes.unitId.get(record.ownerCode);
    if (record.ownerCode !== undefined && ownerUnitId === undefined) {
      return problem('ownerUnitId', `no unit has the code ${record.ownerCode}`);
    }
    const input: ArticleInput = {
      title: record.title,
      body: record.body,
      ...(record.categoryCodes ? { categoryIds } : {}),
      ...(record.keywords ? { keywords: record.keywords } : {}),
      ...(record.synonyms ? { synonyms: record.synonyms } : {}),
      ...(ownerUnitId !== undefined ? { ownerUnitId } : {}),
      ...(record.audience !== undefined ? { audience: record.audience } : {}),
      ...(record.effectiveFrom !== undefined ? { effectiveFrom: record.effectiveFrom } : {}),
      ...(record.expiresOn !== undefined ? { expiresOn: record.expiresOn } : {}),
      ...(record.reviewBy !== undefined ? { reviewBy: record.reviewBy } : {}),
    };
    try {
      let existing: ArticleRecord | null = null;
      if (record.id !== null) {
        existing = (await findArticle(this.context.database.db, record.id)) ?? null;
        if (!existing) return problem('id', `no article has the id ${record.id}`);
        assertCanEdit(who, existing.content.ownerUnitId);
      }
      const content = buildContent(input, existing?.content ?? null, {
        ownerUnitId: who.actor.unitId,
        today: this.context.today(),
      });
      assertCanOwn(who, content.ownerUnitId);
      await this.context.checkReferences(content);
      return { file: record.file, existingId: existing?.id ?? null, content };
    } catch (error) {
      if (error instanceof ValidationError) return problem(error.field, error.message);
      if (error instanceof DomainError) {
        return problem(record.id !== null ? 'id' : 'ownerUnitId', error.message);
      }
      throw error;
    }
  }

  private async codes(): Promise<Codes> {
    const [categories, units] = await Promise.all([
      this.context.categories.listCategories({ includeInactive: true }),
      this.context.organisation.listUnits({ includeInactive: true }),
    ]);
    return {
      categoryId: new Map(categories.map((c) => [c.code, c.id])),
      categoryCode: new Map(categories.map((c) => [c.id, c.code])),
      unitId: new Map(units.map((u) => [u.code, u.id])),
      unitCode: new Map(units.map((u) => [u.id, u.code])),
    };
  }
}

function exported(article: ArticleRecord, content: ArticleContent, codes: Codes): ExportedArticle {
  return {
    ...content,
    id: article.id,
    state: article.state,
    version: article.version,
    publishedVersion: article.publishedVersion,
    updatedAt: article.updatedAt,
    categoryCodes: content.categoryIds.map((id) => codes.categoryCode.get(id) ?? String(id)),
    ownerCode: codes.unitCode.get(content.ownerUnitId) ?? String(content.ownerUnitId),
  };
}

type ReadResult = { record: FileRecord } | { problems: FileProblem[] };

/** The records of one uploaded file: one for Markdown, one per row for CSV. */
function readFile(file: ImportFile): ReadResult[] {
  const name = file.name.toLowerCase();
  if (file.text.includes('\uFFFD')) {
    return [{ problems: [{ file: file.name, field: 'file', message: 'the file is not UTF-8' }] }];
  }
  if (name.endsWith('.md') || name.endsWith('.markdown')) {
    return [readMarkdownArticle(file.name, file.text)];
  }
  if (!name.endsWith('.csv')) {
    return [
      {
        problems: [
          { file: file.name, field: 'file', message: 'only .md and .csv files can be imported' },
        ],
      },
    ];
  }
  let table: ReturnType<typeof parseCsvTable>;
  try {
    table = parseCsvTable(file.text, ['title', 'body']);
  } catch (error) {
    if (error instanceof CsvSyntaxError) {
      return [
        { problems: [{ file: file.name, line: error.row, field: 'csv', message: error.message }] },
      ];
    }
    throw error;
  }
  if (table.missing.length > 0) {
    return [
      {
        problems: [
          {
            file: file.name,
            line: 1,
            field: 'header',
            message: `missing columns: ${table.missing.join(', ')}`,
          },
        ],
      },
    ];
  }
  return table.rows.map(({ row, cells }) => readCsvArticle(file.name, row, cells));
}
