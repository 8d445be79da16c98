import type { Generated } from 'kysely';

/**
 * The database as Kysely sees it, on both dialects. Times are ISO-8601 UTC strings
 * ('2026-11-29T08:00:00.000Z'), flags are 0/1 integers and JSON is text: one representation
 * that reads the same from SQLite and PostgreSQL (docs/decisions.md).
 */
export interface UnitTable {
  id: Generated<number>;
  code: string;
  name: string;
  name_en: string | null;
  type: string;
  parent_id: number | null;
  district_id: number | null;
  adcode: string | null;
  aliases: string | null;
  jurisdiction: string | null;
  active: number;
  created_at: string;
}

export interface UserTable {
  id: Generated<number>;
  username: string;
  display_name: string;
  password_hash: string;
  unit_id: number;
  active: number;
  failed_logins: number;
  locked_until: string | null;
  created_at: string;
  updated_at: string;
}

export interface UserRoleTable {
  user_id: number;
  role: string;
}

export interface SessionTable {
  id: string;
  user_id: number;
  created_at: string;
  expires_at: string;
}

export interface ApiTokenTable {
  id: Generated<number>;
  name: string;
  token_hash: string;
  user_id: number;
  created_at: string;
  last_used_at: string | null;
  revoked_at: string | null;
}

export interface CategoryTable {
  id: Generated<number>;
  code: string;
  parent_id: number | null;
  level: number;
  name: string;
  name_en: string | null;
  keywords: string | null;
  active: number;
}

export interface CatalogueVersionTable {
  id: Generated<number>;
  created_at: string;
  created_by: number | null;
  note: string | null;
}

export interface CatalogueRuleTable {
  id: Generated<number>;
  version_id: number;
  category_id: number;
  district_id: number | null;
  lead_unit_id: number;
  co_unit_ids: string;
}

export interface CalendarDayTable {
  date: string;
  kind: string;
  name: string | null;
}

export interface ContactTable {
  id: Generated<number>;
  channel: string;
  caller_number: string | null;
  caller_name: string | null;
  started_at: string;
  answered_at: string | null;
  ended_at: string | null;
  outcome: string;
  operator_id: number | null;
  ticket_id: number | null;
  summary: string | null;
  referral_target: string | null;
  external_id: string | null;
}

export interface TicketTable {
  id: Generated<number>;
  number: string;
  status: string;
  appeal_type: string;
  category_id: number | null;
  urgency: string;
  title: string;
  description: string;
  channel: string;
  address: string | null;
  district_id: number | null;
  street_id: number | null;
  lat: number | null;
  lng: number | null;
  citizen_name: string | null;
  citizen_phone: string | null;
  confidential: number;
  contact_required: number;
  lead_unit_id: number | null;
  parent_id: number | null;
  catalogue_version_id: number | null;
  catalogue_rule_id: number | null;
  dispatched_at: string | null;
  sign_due_at: string | null;
  signed_at: string | null;
  reply_due_at: string | null;
  replied_at: string | null;
  reply_text: string | null;
  callback_due_at: string | null;
  closed_at: string | null;
  resolution: string | null;
  reopen_count: number;
  return_count: number;
  query_code_hash: string | null;
  created_by: number | null;
  created_at: string;
  updated_at: string;
  version: number;
}

export interface TicketAssignmentTable {
  id: Generated<number>;
  ticket_id: number;
  unit_id: number;
  role: string;
  state: string;
  dispatched_at: string;
  dispatched_by: number | null;
  signed_at: string | null;
  signed_by: number | null;
  replied_at: string | null;
  replied_by: number | null;
  reply_text: string | null;
}

export interface TicketRequestTable {
  id: Generated<number>;
  ticket_id: number;
  kind: string;
  unit_id: number;
  requested_by: number;
  reason: string;
  requested_due_at: string | null;
  state: string;
  decided_by: number | null;
  decided_at: string | null;
  decision_reason: string | null;
  created_at: string;
}

export interface TicketEventTable {
  id: Generated<number>;
  ticket_id: number;
  seq: number;
  type: string;
  actor_id: number | null;
  actor_unit_id: number | null;
  at: string;
  reason: string | null;
  before: string | null;
  after: string | null;
  data: string | null;
}

export interface TicketCallbackTable {
  id: Generated<number>;
  ticket_id: number;
  agent_id: number;
  contacted: number;
  resolved: number;
  satisfaction: string;
  note: string | null;
  at: string;
}

export interface TicketAttachmentTable {
  id: Generated<number>;
  ticket_id: number;
  name: string;
  mime: string;
  size: number;
  sha256: string;
  storage_key: string;
  purpose: string;
  uploaded_by: number | null;
  created_at: string;
}

export interface TicketSearchTable {
  ticket_id: number;
  tokens: string;
}

export interface TicketNumberTable {
  day: string;
  last_seq: number;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor_id: number | null;
  action: string;
  subject_type: string;
  subject_id: string;
  detail: string | null;
}

export interface JobTable {
  id: Generated<number>;
  kind: string;
  payload: string;
  run_at: string;
  attempts: number;
  locked_until: string | null;
  done_at: string | null;
  last_error: string | null;
}

export interface KnowledgeArticleTable {
  id: Generated<number>;
  /** draft | in_review | published | retired */
  state: string;
  /** The working copy's version number (the newest row of knowledge_versions). */
  version: number;
  /** The live version, or null when nothing is live. */
  published_version: number | null;
  // The working copy, repeated from its knowledge_versions row so lists can filter on it.
  title: string;
  body: string;
  category_ids: string;
  keywords: string;
  synonyms: string;
  owner_unit_id: number;
  audience: string;
  effective_from: string;
  expires_on: string | null;
  review_by: string | null;
  rejection_reason: string | null;
  rejected_by: number | null;
  rejected_at: string | null;
  created_at: string;
  created_by: number;
  updated_at: string;
  updated_by: number;
  published_at: string | null;
  retired_at: string | null;
}

export interface KnowledgeVersionTable {
  id: Generated<number>;
  article_id: number;
  version: number;
  title: string;
  body: string;
  category_ids: string;
  keywords: string;
  synonyms: string;
  owner_unit_id: number;
  audience: string;
  effective_from: string;
  expires_on: string | null;
  review_by: string | null;
  note: string | null;
  changed_by: number;
  changed_at: string;
  published_at: string | null;
  published_by: number | null;
  approval_note: string | null;
}

export interface KnowledgeUseTable {
  id: Generated<number>;
  article_id: number;
  version: number;
  ticket_id: number;
  actor_id: number;
  category_id: number | null;
  used_at: string;
}

export interface KnowledgeGapTable {
  id: Generated<number>;
  text: string;
  category_id: number | null;
  contact_id: number | null;
  actor_id: number;
  unit_id: number;
  created_at: string;
}

export interface KnowledgeImageTable {
  id: Generated<number>;
  name: string;
  mime: string;
  size: number;
  sha256: string;
  storage_key: string;
  uploaded_by: number;
  created_at: string;
}

export interface NotificationTable {
  id: Generated<number>;
  unit_id: number;
  user_id: number | null;
  kind: string;
  message: string;
  subject_type: string | null;
  subject_id: number | null;
  dedupe_key: string | null;
  created_at: string;
  read_at: string | null;
}

/** The knowledge search index: one row per live article (src/modules/knowledge/search). */
export interface KnowledgeIndexDocTable {
  article_id: number;
  /** internal | public */
  audience: string;
  owner_unit_id: number;
  /** JSON array of category ids. */
  category_ids: string;
  effective_from: string;
  expires_on: string | null;
  title: string;
  /** The body as plain text (Markdown stripped), for snippets. */
  body: string;
  /** The article's postings, "term impact" per line, to replace or remove them. */
  terms: string;
  /** knowledge_index_state.generation when this row was written. */
  generation: number;
}

export interface KnowledgePostingTable {
  term: string;
  impact: number;
  article_id: number;
}

export interface KnowledgeTermTable {
  term: string;
  df: number;
  /** 1 for words of spaced scripts, which typo tolerance may correct. */
  word: number;
}

export interface KnowledgeIndexStateTable {
  id: number;
  /** Bumped by every change of the index, so each app instance knows its caches are stale. */
  generation: number;
  doc_count: number;
}

export interface KnowledgeSynonymTable {
  group_id: number;
  term: string;
}

export interface CitizenEvaluationTable {
  id: Generated<number>;
  ticket_id: number;
  contacted: number;
  resolved: number;
  satisfaction: string;
  comment: string | null;
  at: string;
}

export interface ChannelSettingTable {
  channel: string;
  key: string;
  value: string;
  updated_by: number | null;
  updated_at: string;
}

/** Supervision (督办): the admin's rules, as JSON values by key. */
export interface SupervisionSettingTable {
  key: string;
  value: string;
  updated_by: number | null;
  updated_at: string;
}

/** A reminder (催办) or escalation (提级) sent about a unit's deadline, automatic or by hand. */
export interface SupervisionReminderTable {
  id: Generated<number>;
  ticket_id: number;
  /** The unit chased. */
  unit_id: number;
  /** sign | reply | order */
  deadline_kind: string;
  due_at: string | null;
  /** near | overdue | district | centre | manual */
  stage: string;
  order_id: number | null;
  /** Who chased by hand; null for the scanner. */
  actor_id: number | null;
  note: string | null;
  /** How many notifications it wrote. */
  notified: number;
  /** Automatic ones: one per stage, unit and deadline, however many instances scan. */
  dedupe_key: string | null;
  created_at: string;
}

/** A supervision order (督办单) to a ticket's unit, with its own deadline. */
export interface SupervisionOrderTable {
  id: Generated<number>;
  ticket_id: number;
  unit_id: number;
  /** open | replied | closed */
  state: string;
  reason: string;
  requirement: string;
  /** When the current deadline started (issue, or the last send-back). */
  started_at: string;
  due_at: string;
  issued_by: number;
  issued_at: string;
  reply_text: string | null;
  replied_by: number | null;
  replied_at: string | null;
  closed_by: number | null;
  closed_at: string | null;
  close_note: string | null;
  /** 1, plus one per send-back. */
  rounds: number;
  version: number;
  updated_at: string;
}

export interface SupervisionOrderStepTable {
  id: Generated<number>;
  order_id: number;
  /** issue | reply | send_back | close */
  action: string;
  actor_id: number | null;
  actor_unit_id: number | null;
  at: string;
  text: string | null;
  due_at: string | null;
}

/** A unit's request for exemption (核减) or objection (申诉), and its decision. */
export interface EvaluationRequestTable {
  id: Generated<number>;
  /** exemption | objection */
  kind: string;
  ticket_id: number;
  unit_id: number;
  /** What it is about: all (an exemption), satisfaction, timeliness, reopen. */
  aspect: string;
  reason: string;
  attachment_id: number | null;
  requested_by: number;
  created_at: string;
  /** pending | approved | refused */
  state: string;
  decided_by: number | null;
  decided_at: string | null;
  decision_reason: string | null;
}

/** What approved requests take out of a unit's evaluation: aspect 'all' is an exemption. */
export interface EvaluationAdjustmentTable {
  ticket_id: number;
  unit_id: number;
  aspect: string;
  request_id: number;
  at: string;
}

/** A category's own time limit (its subtree inherits it), per urgency and stage. */
export interface TimeLimitRuleTable {
  category_id: number;
  /** normal | urgent | emergency */
  urgency: string;
  /** sign_for | feedback | callback */
  stage: string;
  /** minutes | hours | working_days */
  unit: string;
  amount: number;
  updated_by: number | null;
  updated_at: string;
}

/** A call the phone switch offered (CTI), unique per switch and PBX call id. */
export interface CtiCallTable {
  id: Generated<number>;
  /** asterisk | freeswitch */
  switch: string;
  /** The switch's id of the caller's leg (Asterisk channel id, FreeSWITCH Unique-ID). */
  pbx_call_id: string;
  caller_number: string | null;
  /** The number dialled, or the queue. */
  called_number: string | null;
  /** The extension it last rang at, or the one that answered. */
  agent_extension: string | null;
  /** The operator at that extension. */
  operator_id: number | null;
  offered_at: string;
  /** offered_at's date in the centre's time zone (YYYY-MM-DD), for the daily measures. */
  offered_day: string;
  /** When it first rang at an operator's extension. */
  ringing_at: string | null;
  answered_at: string | null;
  ended_at: string | null;
  /** answered | abandoned | missed, once ended. */
  outcome: string | null;
  /** answered_at - offered_at. */
  answer_wait_ms: number | null;
  /** ended_at - answered_at. */
  handle_ms: number | null;
  recording_url: string | null;
  contact_id: number | null;
  /** Which instance records the contact: set by the one that takes it. */
  contact_claimed_at: string | null;
  updated_at: string;
}

/** What happened to a call, each switch event once (ringing, ring_stopped, answered, ended, contact). */
export interface CtiCallEventTable {
  id: Generated<number>;
  call_id: number;
  kind: string;
  dedupe_key: string;
  extension: string | null;
  operator_id: number | null;
  at: string;
}

/** Which operator sits at which extension of the phone switch (admin-managed). */
export interface CtiExtensionTable {
  extension: string;
  user_id: number;
  updated_by: number | null;
  updated_at: string;
}

/** One citizen's conversation with the WeChat official account: the appeal being gathered. */
export interface WechatConversationTable {
  openid: string;
  /** idle | awaiting_what | awaiting_where | awaiting_confirm */
  state: string;
  /** JSON: what, where, photos. */
  draft: string;
  version: number;
  updated_at: string;
  expires_at: string;
}

/** A WeChat message or event handled once; `reply` is what a redelivery gets again (erased soon after). */
export interface WechatMessageTable {
  message_key: string;
  openid: string;
  received_at: string;
  reply: string | null;
}

/** A ticket filed over WeChat, its citizen's openid, and how far its history was read for pushes. */
export interface WechatTicketLinkTable {
  ticket_id: number;
  openid: string;
  number: string;
  seen_seq: number;
  watch_until: string | null;
  created_at: string;
}

/** A customer-service message or a photo download to do, claimed by one app instance at a time. */
export interface WechatOutboxTable {
  id: Generated<number>;
  /** push | photo */
  kind: string;
  dedupe_key: string;
  ticket_id: number;
  openid: string;
  payload: string;
  /** pending | done | failed */
  state: string;
  attempts: number;
  next_attempt_at: string;
  locked_until: string | null;
  last_error: string | null;
  created_at: string;
  done_at: string | null;
}

export interface WechatAccessTokenTable {
  app_id: string;
  access_token: string;
  expires_at: string;
  lease_until: string | null;
}

export interface Open311ApiKeyTable {
  id: Generated<number>;
  name: string;
  /** SHA-256 of the key; the key itself is shown once, at creation. */
  key_hash: string;
  /** The key's first characters, for the admin to tell keys apart. */
  key_prefix: string;
  rate_limit_per_minute: number;
  active: number;
  created_by: number | null;
  created_at: string;
  last_used_at: string | null;
  revoked_by: number | null;
  revoked_at: string | null;
}

export interface Open311KeyUsageTable {
  key_id: number;
  /** The minute counted (ISO, seconds zero). */
  window_start: string;
  hits: number;
}

export interface Open311ServiceAttributeTable {
  id: Generated<number>;
  category_id: number;
  code: string;
  position: number;
  variable: number;
  datatype: string;
  required: number;
  description: string;
  datatype_description: string | null;
  /** JSON array of { key, name }. */
  list_values: string;
  updated_by: number | null;
  updated_at: string;
}

export interface Open311RequestTable {
  id: Generated<number>;
  token: string;
  ticket_id: number;
  api_key_id: number | null;
  service_code: string;
  description: string | null;
  media_url: string | null;
  requested_at: string;
}

export interface Open311RequestAttributeTable {
  id: Generated<number>;
  request_id: number;
  position: number;
  code: string;
  value: string;
}

/** Messaging (SMS, Weibo, e-mail): where a ticket's answers go, and how far its events were read. */
export interface MessagingLinkTable {
  id: Generated<number>;
  ticket_id: number;
  /** sms | weibo | email */
  channel: string;
  /** The phone number, Weibo uid or e-mail address (personal data). */
  address: string;
  /** sms | weibo_mention | weibo_private | email */
  kind: string;
  /** Weibo: the post to comment on; e-mail: the appeal's Message-ID. */
  reply_ref: string | null;
  subject: string | null;
  seen_version: number;
  last_seq: number;
  active: number;
  created_at: string;
}

/** Every inbound message's interpretation, once per message id (idempotent deliveries). */
export interface MessagingInboundTable {
  channel: string;
  external_id: string;
  sender: string | null;
  /** appeal | contact | survey | status_query | message | ignored */
  decision: string;
  ticket_id: number | null;
  survey_id: number | null;
  /** The message until it is handled (JSON), to finish it after a crash; null once done. */
  payload: string | null;
  received_at: string;
  done_at: string | null;
}

/** A staff user's work e-mail and mobile (personal data of staff: admins and the user only). */
export interface StaffContactTable {
  user_id: number;
  email: string | null;
  mobile: string | null;
  /** zh-CN | en: the language of their notice e-mails and texts. */
  language: Generated<string>;
  updated_at: string;
}

/** Which supervision notice topics a user wants by e-mail and SMS (no row: the default). */
export interface StaffNoticePreferenceTable {
  user_id: number;
  topic: string;
  by_email: number;
  by_sms: number;
  updated_at: string;
}

/** A message to send (SMS, e-mail, Weibo comment or private message), claimed by one instance. */
export interface MessagingOutboxTable {
  id: Generated<number>;
  channel: string;
  kind: string;
  /** Weibo: comment | private. */
  route: string | null;
  ticket_id: number | null;
  recipient: string;
  subject: string | null;
  body: string;
  /** The query code, until sent (the body holds a placeholder for it). */
  secret: string | null;
  reply_ref: string | null;
  dedupe_key: string;
  /** Sent only after this message was. */
  after_id: number | null;
  /** pending | sending | sent | failed | cancelled */
  status: string;
  attempts: number;
  next_attempt_at: string;
  locked_until: string | null;
  provider_id: string | null;
  last_error: string | null;
  created_at: string;
  sent_at: string | null;
}

/** The SMS callback survey of one reply (满意回复1…). */
export interface MessagingSurveyTable {
  id: Generated<number>;
  ticket_id: number;
  phone: string;
  /** The seq of the reply event it asks about. */
  round: number;
  /** waiting | asked | asked_resolution | answering | answered | stale */
  state: string;
  answer: string | null;
  answer_external_id: string | null;
  satisfaction: string | null;
  resolved: number | null;
  /** closed | reopened | stale */
  outcome: string | null;
  asked_at: string | null;
  answered_at: string | null;
  created_at: string;
}

/** A version of the deployment's category model (intelligence): its parameters and figures. */
export interface IntelligenceModelTable {
  id: Generated<number>;
  kind: string;
  trained_at: string;
  trained_by: number | null;
  cold_start: number;
  examples_count: number;
  last_example_id: number;
  tree_hash: string;
  /** JSON */
  metrics: string;
  /** The model, deflated and base64 (see the intelligence module's model codec). */
  parameters: string;
}

/** A ticket's text and the category staff confirmed or chose for it (each ticket's latest counts). */
export interface IntelligenceExampleTable {
  id: Generated<number>;
  ticket_id: number;
  text: string;
  category_id: number;
  source: string;
  event_id: number;
  actor_id: number | null;
  created_at: string;
  updated_at: string;
}

/** The category a model version suggested for a ticket, and what staff then chose. */
export interface IntelligenceSuggestionTable {
  id: Generated<number>;
  ticket_id: number;
  model_id: number;
  category_id: number;
  confidence: number;
  /** JSON [{ categoryId, confidence }] */
  candidates: string;
  created_at: string;
  /** pending | accepted | corrected */
  outcome: string;
  final_category_id: number | null;
  decided_by: number | null;
  decided_at: string | null;
}

/** The intelligence module's watermarks and claims, by key. */
/** The score of a reply a unit sent (答复质量), one row per reply event. */
export interface ReplyQualityScoreTable {
  id: Generated<number>;
  event_id: number;
  ticket_id: number;
  unit_id: number | null;
  replied_by: number | null;
  replied_at: string;
  relevance: number;
  completeness: number;
  explanation: number;
  overall: number;
  grade: string;
  /** JSON array of hint codes. */
  hints: string;
  scored_at: string;
}

export interface IntelligenceStateTable {
  key: string;
  value: string;
  updated_at: string;
}

/** Routing evidence: one fact from the ticket events (handled, returned, reassigned away). */
export interface RoutingEvidenceTable {
  id: Generated<number>;
  dedupe_key: string;
  ticket_id: number;
  event_id: number;
  kind: string;
  unit_id: number;
  role: string;
  category_id: number | null;
  district_id: number | null;
  street_id: number | null;
  weight: number;
  at: string;
}

/** Routing counts per (category, place, unit, role), built from the evidence. */
export interface RoutingCountTable {
  category_id: number;
  place_kind: string;
  place_id: number;
  unit_id: number;
  role: string;
  handled: Generated<number>;
  returned: Generated<number>;
  reassigned: Generated<number>;
  updated_at: string;
}

/** Auto-dispatch settings, one row per change (the newest is in force). */
export interface RoutingSettingTable {
  id: Generated<number>;
  enabled: number;
  threshold: number;
  allow_emergency: number;
  excluded_category_ids: string;
  changed_by: number | null;
  changed_at: string;
}

/** The router's decision each time a ticket waited for dispatch, and what came of it. */
export interface RoutingDecisionTable {
  id: Generated<number>;
  ticket_id: number;
  queued_event_id: number;
  created_at: string;
  lead_unit_id: number | null;
  co_unit_ids: string;
  confidence: number;
  suggestions: string;
  evidence_version: number;
  catalogue_version_id: number | null;
  auto_state: string;
  auto: Generated<number>;
  dispatch_event_id: number | null;
  dispatched_unit_id: number | null;
  followed: number | null;
  outcome: string;
  outcome_at: string | null;
}

/** Measures: the counts every fact and counter table holds (columns of the same names). */
export interface MeasureCounts {
  contacts: Generated<number>;
  direct_answers: Generated<number>;
  dispatched: Generated<number>;
  signed_on_time: Generated<number>;
  returned: Generated<number>;
  due: Generated<number>;
  on_time: Generated<number>;
  overdue: Generated<number>;
  replied: Generated<number>;
  handling_seconds: Generated<number>;
  reopened: Generated<number>;
  evaluated: Generated<number>;
  contacted: Generated<number>;
  resolved: Generated<number>;
  satisfied: Generated<number>;
}

/** Measures: what one ticket adds to each count for one unit (0 = intake), and on which day. */
export interface MeasureFactTable extends MeasureCounts {
  ticket_id: number;
  unit_id: number;
  district_id: number;
  category_id: number;
  channel: string;
  intake_day: string | null;
  dispatch_day: string | null;
  due_day: string | null;
  reply_day: string | null;
  eval_day: string | null;
}

/** Measures: the facts' sums per day, unit, district, category (leaf) and channel (0 = none). */
export interface MeasureCounterTable extends MeasureCounts {
  day: string;
  unit_id: number;
  district_id: number;
  category_id: number;
  channel: string;
}

/** Measures: the same sums per day, unit and district only (rankings, most dashboards). */
export interface MeasureUnitCounterTable extends MeasureCounts {
  day: string;
  unit_id: number;
  district_id: number;
}

/** Measures: the same sums per day, district and leaf category (dashboards by category). */
export interface MeasureCategoryCounterTable extends MeasureCounts {
  day: string;
  district_id: number;
  category_id: number;
}

/** Measures: the same sums per day, district and channel (dashboards by channel). */
export interface MeasureChannelCounterTable extends MeasureCounts {
  day: string;
  district_id: number;
  channel: string;
}

/** Tickets whose measure facts must be recomputed (marked with every ticket event). */
export interface RollupDirtyTable {
  ticket_id: number;
  marked_at: string;
}

/** The measures worker's watermarks, by key. */
export interface RollupStateTable {
  key: string;
  value: string;
  updated_at: string;
}

/** A published monthly ranking (its rows are frozen in ranking_rows). */
export interface RankingPublicationTable {
  month: string;
  published_at: string;
  published_by: number;
  /** JSON { response, resolution, satisfaction } */
  weights: string;
}

export interface RankingRowTable {
  month: string;
  unit_type: string;
  position: number;
  rank: number | null;
  unit_id: number;
  unit_name: string;
  unit_name_en: string | null;
  evaluated: number;
  response_rate: number | null;
  resolution_rate: number | null;
  satisfaction_rate: number | null;
  composite_score: number | null;
  on_time_rate: number | null;
  overdue: number;
  return_rate: number | null;
  reopen_rate: number | null;
}

export interface HotspotAlertTable {
  id: Generated<number>;
  period: string;
  period_start: string;
  category_id: number;
  district_id: number;
  observed: number;
  expected: number;
  p_value: number;
  baseline: string;
  state: string;
  created_at: string;
  acknowledged_by: number | null;
  acknowledged_at: string | null;
  note: string | null;
}

export interface KeyProblemTable {
  id: Generated<number>;
  month: string;
  title: string;
  lead_unit_id: number;
  category_id: number | null;
  district_id: number | null;
  keywords: string;
  measures: string;
  start_date: string;
  weeks: number;
  source: string | null;
  created_by: number;
  created_at: string;
  updated_at: string;
  version: Generated<number>;
}

export interface KeyProblemHistoryTable {
  id: Generated<number>;
  key_problem_id: number;
  actor_id: number;
  at: string;
  action: string;
  changes: string;
}

/** Public support (likes) of a ticket, from the channels that have it (see the hotspots module). */
export interface TicketSupportTable {
  ticket_id: number;
  likes: number;
  dislikes: number;
  updated_at: string;
}

export interface DB {
  units: UnitTable;
  users: UserTable;
  user_roles: UserRoleTable;
  sessions: SessionTable;
  api_tokens: ApiTokenTable;
  categories: CategoryTable;
  catalogue_versions: CatalogueVersionTable;
  catalogue_rules: CatalogueRuleTable;
  calendar_days: CalendarDayTable;
  contacts: ContactTable;
  tickets: TicketTable;
  ticket_assignments: TicketAssignmentTable;
  ticket_requests: TicketRequestTable;
  ticket_events: TicketEventTable;
  ticket_callbacks: TicketCallbackTable;
  citizen_evaluations: CitizenEvaluationTable;
  ticket_attachments: TicketAttachmentTable;
  ticket_search: TicketSearchTable;
  ticket_numbers: TicketNumberTable;
  audit_log: AuditLogTable;
  jobs: JobTable;
  knowledge_articles: KnowledgeArticleTable;
  knowledge_versions: KnowledgeVersionTable;
  knowledge_uses: KnowledgeUseTable;
  knowledge_gaps: KnowledgeGapTable;
  knowledge_images: KnowledgeImageTable;
  notifications: NotificationTable;
  knowledge_index_docs: KnowledgeIndexDocTable;
  knowledge_postings: KnowledgePostingTable;
  knowledge_terms: KnowledgeTermTable;
  knowledge_index_state: KnowledgeIndexStateTable;
  knowledge_synonyms: KnowledgeSynonymTable;
  channel_settings: ChannelSettingTable;
  open311_api_keys: Open311ApiKeyTable;
  open311_key_usage: Open311KeyUsageTable;
  open311_service_attributes: Open311ServiceAttributeTable;
  open311_requests: Open311RequestTable;
  open311_request_attributes: Open311RequestAttributeTable;
  wechat_conversations: WechatConversationTable;
  wechat_messages: WechatMessageTable;
  wechat_ticket_links: WechatTicketLinkTable;
  wechat_outbox: WechatOutboxTable;
  wechat_access_tokens: WechatAccessTokenTable;
  cti_calls: CtiCallTable;
  cti_call_events: CtiCallEventTable;
  cti_extensions: CtiExtensionTable;
  intelligence_models: IntelligenceModelTable;
  intelligence_examples: IntelligenceExampleTable;
  intelligence_suggestions: IntelligenceSuggestionTable;
  intelligence_state: IntelligenceStateTable;
  reply_quality_scores: ReplyQualityScoreTable;
  routing_evidence: RoutingEvidenceTable;
  routing_counts: RoutingCountTable;
  routing_settings: RoutingSettingTable;
  routing_decisions: RoutingDecisionTable;
  supervision_settings: SupervisionSettingTable;
  supervision_reminders: SupervisionReminderTable;
  supervision_orders: SupervisionOrderTable;
  supervision_order_steps: SupervisionOrderStepTable;
  evaluation_requests: EvaluationRequestTable;
  evaluation_adjustments: EvaluationAdjustmentTable;
  measure_facts: MeasureFactTable;
  measure_counters: MeasureCounterTable;
  measure_unit_counters: MeasureUnitCounterTable;
  measure_category_counters: MeasureCategoryCounterTable;
  measure_channel_counters: MeasureChannelCounterTable;
  rollup_dirty: RollupDirtyTable;
  rollup_state: RollupStateTable;
  ranking_publications: RankingPublicationTable;
  ranking_rows: RankingRowTable;
  time_limit_rules: TimeLimitRuleTable;
  messaging_links: MessagingLinkTable;
  messaging_inbound: MessagingInboundTable;
  messaging_outbox: MessagingOutboxTable;
  messaging_surveys: MessagingSurveyTable;
  staff_contacts: StaffContactTable;
  staff_notice_preferences: StaffNoticePreferenceTable;
  hotspot_alerts: HotspotAlertTable;
  key_problems: KeyProblemTable;
  key_problem_history: KeyProblemHistoryTable;
  ticket_support: TicketSupportTable;
}
