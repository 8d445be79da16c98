import type { Translate } from '../../i18n';

/** One reason of a routing suggestion, as the server sends it (structured, worded here). */
export type ExplanationPart =
  | {
      kind: 'catalogue';
      ruleId: number;
      versionId: number;
      role: 'lead' | 'co';
      districtSpecific: boolean;
      ancestorDistance: number;
    }
  | {
      kind: 'history';
      scope: 'city' | 'district' | 'street';
      placeName: string | null;
      categoryName: string;
      broaderCategory: boolean;
      count: number;
      total: number;
      share: number;
    }
  | {
      kind: 'returns';
      scope: 'city' | 'district' | 'street';
      placeName: string | null;
      returned: number;
      reassigned: number;
    }
  | { kind: 'thin_evidence'; total: number }
  | { kind: 'no_history' };

export interface RouteSuggestion {
  unitId: number;
  unitName: string;
  confidence: number;
  role: 'lead' | 'co';
  explanation: ExplanationPart[];
}

export interface TicketRouting {
  ticketId: number;
  suggestions: RouteSuggestion[];
  evidenceVersion: number;
  auto: {
    decisionId: number;
    unitId: number | null;
    confidence: number;
    dispatchedAt: string | null;
    explanation: ExplanationPart[];
    outcome: string;
  } | null;
}

export const percent = (x: number) => String(Math.round(x * 100));

/** "目录规则 17；纳溪区同类工单 94% 交由该单位（47/50）" / "catalogue rule 17; 94% of …". */
export function explain(
  t: Translate,
  parts: readonly ExplanationPart[],
  role: 'lead' | 'co' = 'lead',
): string {
  const words = parts.map((part) => {
    switch (part.kind) {
      case 'catalogue':
        return t(part.ancestorDistance > 0 ? 'rt.why.catalogueParent' : 'rt.why.catalogue', {
          ruleId: part.ruleId,
        });
      case 'history':
        return (
          t(role === 'co' ? 'rt.why.historyCo' : 'rt.why.history', {
            place: part.placeName ?? t('rt.place.city'),
            share: percent(part.share),
            count: part.count,
            total: part.total,
          }) +
          (part.broaderCategory ? t('rt.why.historyBroader', { category: part.categoryName }) : '')
        );
      case 'returns':
        return [
          part.returned > 0 ? t('rt.why.returns', { returned: part.returned }) : '',
          part.reassigned > 0 ? t('rt.why.reassigned', { reassigned: part.reassigned }) : '',
        ]
          .filter(Boolean)
          .join(t('rt.separator'));
      case 'thin_evidence':
        return t('rt.why.thin', { total: part.total });
      case 'no_history':
        return t('rt.why.noHistory');
    }
  });
  return words.filter(Boolean).join(t('rt.separator'));
}

/** The timeline's words for a dispatch the router made by itself (its event data). */
export function autoDispatchParts(t: Translate, data: Record<string, unknown>): string[] {
  if (data.auto !== true) return [];
  const router = (data.router ?? {}) as { confidence?: unknown; explanation?: unknown };
  const confidence = typeof router.confidence === 'number' ? router.confidence : null;
  const why = Array.isArray(router.explanation)
    ? explain(t, router.explanation as ExplanationPart[])
    : '';
  return [
    confidence === null ? t('rt.auto.mark') : t('rt.auto.detail', { value: percent(confidence) }),
    ...(why ? [why] : []),
  ];
}
