import { describe, expect, it } from 'vitest';
import { NOTICE_KINDS } from '../notices.js';
import {
  noticeWords,
  normaliseEmail,
  normaliseMobile,
  ticketLink,
  topicOf,
} from './staff-notice-rules.js';

const ticket = { id: 7, number: '20260302000007', title: '路灯不亮 𠮷 🚧' };

describe('staff notice words', () => {
  it('words every kind in Chinese and English with the number, the title and the link', () => {
    const link = ticketLink('https://12345.example.gov.cn///', 7);
    expect(link).toBe('https://12345.example.gov.cn/tickets/7');
    const headings = new Set<string>();
    for (const kind of NOTICE_KINDS) {
      for (const language of ['zh-CN', 'en'] as const) {
        const words = noticeWords({ kind, ticket, link }, language, '【12345】');
        expect(words.subject).toContain(ticket.number);
        expect(words.subject).toContain(ticket.title);
        expect(words.text).toContain(link);
        expect(words.sms.startsWith('【12345】')).toBe(true);
        expect(words.sms).toContain(link);
        headings.add(words.subject.replace(ticket.number, '').replace(ticket.title, ''));
      }
    }
    // Each kind says something of its own, in each language.
    expect(headings.size).toBe(NOTICE_KINDS.length * 2);
  });

  it('names the unit of an escalation and the outcome of a decision', () => {
    expect(
      noticeWords({ kind: 'sv_escalation', ticket, link: null, unitName: '南城街道' }, 'zh-CN')
        .text,
    ).toContain('承办单位（南城街道）超期未办');
    expect(
      noticeWords(
        {
          kind: 'sv_evaluation_decided',
          ticket,
          link: null,
          requestKind: 'exemption',
          decision: 'refuse',
        },
        'en',
      ).text,
    ).toContain('had its exemption request refused');
    expect(noticeWords({ kind: 'sv_near', ticket, link: null }, 'zh-CN').text).not.toContain(
      '查看工单',
    );
  });

  it('keeps a text short by cutting a long title by whole characters', () => {
    const long = { ...ticket, title: '𠮷'.repeat(80) };
    const { sms, subject } = noticeWords({ kind: 'sv_overdue', ticket: long, link: null }, 'zh-CN');
    expect(sms).toContain(`「${'𠮷'.repeat(29)}…」`);
    expect(subject).toContain('𠮷'.repeat(80));
  });

  it('sorts the kinds into the topics a user chooses from', () => {
    expect(NOTICE_KINDS.map((kind) => `${kind}:${topicOf(kind)}`)).toEqual([
      'sv_near:near',
      'sv_overdue:overdue',
      'sv_escalation:escalation',
      'sv_reminder:reminder',
      'sv_order_issued:order',
      'sv_order_replied:order',
      'sv_order_sent_back:order',
      'sv_order_closed:order',
      'sv_evaluation_requested:evaluation',
      'sv_evaluation_decided:evaluation',
    ]);
  });

  it('takes mainland and E.164 mobiles and one plain e-mail address', () => {
    expect(normaliseMobile('138 0000-0001')).toBe('13800000001');
    expect(normaliseMobile('１３８０００００００１')).toBe('13800000001');
    expect(normaliseMobile('+8613800000001')).toBe('+8613800000001');
    expect(normaliseMobile('')).toBeNull();
    for (const bad of ['12800000001', '138000000011', '+0123456789', '+86', 'tel:13800000001'])
      expect(() => normaliseMobile(bad), bad).toThrow(expect.objectContaining({ field: 'mobile' }));
    expect(normaliseEmail('  张三@南城.gov.cn ')).toBe('张三@南城.gov.cn');
    expect(normaliseEmail(null)).toBeNull();
    for (const bad of ['a@b', 'a b@c.cn', '<a@b.cn>', 'a@b.cn;c@d.cn'])
      expect(() => normaliseEmail(bad), bad).toThrow(expect.objectContaining({ field: 'email' }));
  });
});
