import { sql, type Kysely } from 'kysely';

// Frozen in time once released: this file never imports application code.

function isPostgres(db: Kysely<unknown>): boolean {
  return db.getExecutor().adapter.constructor.name === 'PostgresAdapter';
}

/**
 * Words citizens and operators use for the same matter on a hotline, as equivalence groups: a
 * search for one finds articles that use another.
 */
const SYNONYM_GROUPS: string[][] = [
  ['路灯', '街灯'],
  ['停水', '断水', '没水', '停止供水'],
  ['停电', '断电', '没电', '停止供电'],
  ['噪音', '噪声', '扰民'],
  ['物业', '物管', '物业公司', '物业服务企业'],
  ['拖欠工资', '欠薪', '讨薪', '工资拖欠', '欠工资'],
  ['公积金', '住房公积金'],
  ['社保', '社会保险'],
  ['医保', '医疗保险', '基本医疗保险'],
  ['养老金', '退休金', '养老保险金'],
  ['低保', '最低生活保障'],
  ['城管', '城市管理', '综合行政执法'],
  ['违建', '违章建筑', '违法建筑', '私搭乱建'],
  ['占道经营', '流动摊贩', '摆摊'],
  ['下水道', '排水管道', '污水管'],
  ['井盖', '窨井盖', '检查井盖'],
  ['暖气', '供暖', '采暖'],
  ['燃气', '天然气', '煤气'],
  ['出租车', '的士', '出租汽车'],
  ['网约车', '网络预约出租汽车'],
  ['公交', '公交车', '公共汽车'],
  ['电动车', '电瓶车', '电动自行车'],
  ['违停', '违章停车', '乱停车', '违法停车'],
  ['驾照', '驾驶证'],
  ['户口', '户籍'],
  ['身份证', '居民身份证'],
  ['装修', '装潢'],
  ['拆迁', '房屋征收'],
  ['退费', '退款'],
  ['快递', '快件'],
  ['油烟', '餐饮油烟'],
  ['垃圾', '生活垃圾'],
  ['streetlight', 'street light', 'streetlamp', 'street lamp'],
  ['garbage', 'trash', 'rubbish', 'refuse'],
  ['sidewalk', 'pavement'],
  ['noise', 'noisy', 'loud'],
  ['water outage', 'no water', 'water shutoff'],
  ['heat', 'heating'],
  ['unpaid wages', 'wage theft'],
  ['elevator', 'lift'],
  ['rat', 'rodent', 'mice'],
  ['pothole', 'road damage'],
  ['apartment', 'flat'],
];

export async function up(db: Kysely<unknown>): Promise<void> {
  const pg = isPostgres(db);
  // Rows of both tables are looked up by their whole key; SQLite keeps them in that key's order.
  const clustered = pg ? sql`` : sql` WITHOUT ROWID`;

  await db.schema
    .createTable('knowledge_index_docs')
    .addColumn('article_id', 'integer', (c) => c.primaryKey())
    .addColumn('audience', 'text', (c) => c.notNull())
    .addColumn('owner_unit_id', 'integer', (c) => c.notNull())
    .addColumn('category_ids', 'text', (c) => c.notNull())
    .addColumn('effective_from', 'text', (c) => c.notNull())
    .addColumn('expires_on', 'text')
    .addColumn('title', 'text', (c) => c.notNull())
    .addColumn('body', 'text', (c) => c.notNull())
    .addColumn('terms', 'text', (c) => c.notNull())
    .addColumn('generation', 'integer', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('knowledge_index_docs_generation')
    .on('knowledge_index_docs')
    .column('generation')
    .execute();

  // Impact in the key: a term's best postings are read first, and a long list can stop early.
  await sql`CREATE TABLE knowledge_postings (
    term text NOT NULL,
    impact integer NOT NULL,
    article_id integer NOT NULL,
    PRIMARY KEY (term, impact, article_id)
  )${clustered}`.execute(db);
  if (pg) {
    // Searches read postings from the index alone only where the visibility map says the pages
    // are settled: vacuum after 2 % of changes rather than PostgreSQL's default 20 %.
    await sql`ALTER TABLE knowledge_postings SET (autovacuum_vacuum_scale_factor = 0.02,
      autovacuum_vacuum_insert_scale_factor = 0.02, autovacuum_analyze_scale_factor = 0.02)`.execute(
      db,
    );
  }

  await sql`CREATE TABLE knowledge_terms (
    term text PRIMARY KEY,
    df integer NOT NULL,
    word integer NOT NULL
  )${clustered}`.execute(db);
  await db.schema
    .createIndex('knowledge_terms_words')
    .on('knowledge_terms')
    .column('word')
    .where(sql.ref('word'), '=', 1)
    .execute();

  await db.schema
    .createTable('knowledge_index_state')
    .addColumn('id', 'integer', (c) => c.primaryKey())
    .addColumn('generation', 'integer', (c) => c.notNull())
    .addColumn('doc_count', 'integer', (c) => c.notNull())
    .execute();
  await sql`INSERT INTO knowledge_index_state (id, generation, doc_count) VALUES (1, 0, 0)`.execute(
    db,
  );

  await db.schema
    .createTable('knowledge_synonyms')
    .addColumn('group_id', 'integer', (c) => c.notNull())
    .addColumn('term', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('knowledge_synonyms_pk', ['group_id', 'term'])
    .execute();
  const rows = SYNONYM_GROUPS.flatMap((terms, i) =>
    terms.map((term) => ({ group_id: i + 1, term })),
  );
  await (db as Kysely<{ knowledge_synonyms: { group_id: number; term: string } }>)
    .insertInto('knowledge_synonyms')
    .values(rows)
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'knowledge_synonyms',
    'knowledge_index_state',
    'knowledge_terms',
    'knowledge_postings',
    'knowledge_index_docs',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
