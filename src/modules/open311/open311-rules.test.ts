import { describe, expect, it } from 'vitest';
import { TICKET_STATUSES } from '../tickets/index.js';
import { readAttributeAnswers, type AttributeDefinition } from './attribute-rules.js';
import { parseForm } from './form-body.js';
import { areaContains, type Area } from './geo-rules.js';
import { loggedUrl } from './georeport.routes.js';
import { serviceRequestsXml } from './georeport-xml.js';
import { xmlAsJson } from './open311-test-support.js';
import { ProblemList, RequestProblems } from './open311-problems.js';
import { formatInstant, parseInstant } from './open311-time.js';
import { readRequestQuery } from './request-query-rules.js';
import { open311StatusOf, statusNote } from './request-status.js';
import {
  attributeParams,
  personName,
  readSubmittedRequest,
  ticketTitle,
} from './service-request-rules.js';

const TZ = 'Asia/Shanghai';

describe('Open311 times', () => {
  it.each([
    ['2026-03-02T09:00:00+08:00', '2026-03-02T01:00:00.000Z'],
    ['2026-03-02T01:00:00Z', '2026-03-02T01:00:00.000Z'],
    ['2026-03-02T09:00:00+0800', '2026-03-02T01:00:00.000Z'],
    ['2026-03-02T09:00:00.250-05:00', '2026-03-02T14:00:00.250Z'],
    ['2026-03-02T09:00', '2026-03-02T01:00:00.000Z'],
    ['2026-03-02', '2026-03-01T16:00:00.000Z'],
    ['2026-03-02 09:30:00', '2026-03-02T01:30:00.000Z'],
  ])('reads %s as %s (no zone: the centre’s wall clock)', (text, iso) => {
    expect(parseInstant(text, TZ)?.toISOString()).toBe(iso);
  });

  it.each(['2026-02-30', '2026-03-02T25:00:00Z', 'yesterday', '2026-3-2', ''])(
    'refuses %j',
    (text) => {
      expect(parseInstant(text, TZ)).toBeNull();
    },
  );

  it('writes instants in the centre’s zone with its offset, seconds only', () => {
    expect(formatInstant('2026-03-02T01:00:00.999Z', TZ)).toBe('2026-03-02T09:00:00+08:00');
    expect(formatInstant('2026-03-02T01:00:00.000Z', 'UTC')).toBe('2026-03-02T01:00:00Z');
    expect(formatInstant('2026-07-01T12:00:00.000Z', 'America/New_York')).toBe(
      '2026-07-01T08:00:00-04:00',
    );
  });
});

describe('Open311 forms and parameters', () => {
  it('keeps every value of a repeated key, in order, and decodes UTF-8', () => {
    expect(
      parseForm(
        'attribute%5BKIND%5D%5B%5D=dark&attribute%5BKIND%5D%5B%5D=flicker&description=%F0%A0%AE%B7+%F0%9F%98%80&x=1',
      ),
    ).toEqual({ 'attribute[KIND][]': ['dark', 'flicker'], description: '𠮷 😀', x: '1' });
  });

  it('reads attributes from attribute[code], attribute[code][] and a JSON object', () => {
    expect(
      attributeParams({
        'attribute[A]': 'a',
        'attribute[B][]': ['b1', 'b2'],
        'attributes[C]': 'not one',
        attribute: { D: ['d1'], E: 5 } as unknown as string,
      }),
    ).toEqual(
      new Map([
        ['A', ['a']],
        ['B', ['b1', 'b2']],
        ['D', ['d1']],
        ['E', ['5']],
      ]),
    );
  });

  it('puts a Chinese family name first, a Latin one last', () => {
    expect(personName('三', '张')).toBe('张三');
    expect(personName('Wei', 'Chen')).toBe('Wei Chen');
    expect(personName(null, '张')).toBe('张');
    expect(personName(null, null)).toBeNull();
  });

  it('normalises a phone typed in full-width digits and a media URL with Chinese in it', () => {
    const problems = new ProblemList();
    const request = readSubmittedRequest(
      {
        address_string: '江阳区',
        phone: '１３８ １２３４-５６７８',
        media_url: 'https://img.example.cn/路灯.jpg',
      },
      [],
      TZ,
      problems,
    );
    expect(problems.problems).toEqual([]);
    expect(request).toMatchObject({
      phone: '13812345678',
      mediaUrl: 'https://img.example.cn/%E8%B7%AF%E7%81%AF.jpg',
      lat: null,
      lng: null,
    });
  });

  it('reports each problem once, by parameter', () => {
    const problems = new ProblemList();
    readSubmittedRequest(
      { lat: ['28.1', '28.2'], long: '105', description: ' ' },
      [],
      TZ,
      problems,
    );
    expect(problems.problems).toEqual([
      { field: 'lat', message: 'is given more than once', rule: 'maxItems', limit: 1 },
    ]);
    expect(() => problems.check()).toThrow(RequestProblems);
  });

  it('checks answers of every datatype', () => {
    const definitions: AttributeDefinition[] = [
      {
        code: 'S',
        variable: true,
        datatype: 'string',
        required: false,
        description: 's',
        datatypeDescription: null,
        order: 1,
        values: [],
      },
      {
        code: 'N',
        variable: true,
        datatype: 'number',
        required: false,
        description: 'n',
        datatypeDescription: null,
        order: 2,
        values: [],
      },
      {
        code: 'D',
        variable: true,
        datatype: 'datetime',
        required: false,
        description: 'd',
        datatypeDescription: null,
        order: 3,
        values: [],
      },
      {
        code: 'T',
        variable: true,
        datatype: 'text',
        required: true,
        description: 't',
        datatypeDescription: null,
        order: 4,
        values: [],
      },
      {
        code: 'L',
        variable: true,
        datatype: 'singlevaluelist',
        required: false,
        description: 'l',
        datatypeDescription: null,
        order: 5,
        values: [{ key: 'a', name: 'A' }],
      },
      {
        code: 'M',
        variable: true,
        datatype: 'multivaluelist',
        required: false,
        description: 'm',
        datatypeDescription: null,
        order: 6,
        values: [
          { key: 'a', name: 'A' },
          { key: 'b', name: 'B' },
        ],
      },
    ];
    const problems = new ProblemList();
    const answers = readAttributeAnswers(
      new Map([
        ['S', ['x'.repeat(201)]],
        ['N', ['1e3']],
        ['D', ['2026-03-02T09:00']],
        ['L', ['a']],
        ['M', ['b', 'a', 'b']],
      ]),
      definitions,
      TZ,
      problems,
    );
    expect(answers).toEqual([
      { code: 'N', values: ['1000'] },
      { code: 'D', values: ['2026-03-02T09:00:00+08:00'] },
      { code: 'L', values: ['a'] },
      { code: 'M', values: ['b', 'a'] },
    ]);
    expect(problems.problems.map((p) => `${p.field} ${p.rule}`)).toEqual([
      'attribute[S] maxLength',
      'attribute[T] required',
    ]);
  });

  it('titles a ticket with its service and the start of the citizen’s words', () => {
    expect(ticketTitle('路灯', '路灯三天不亮了', 'zh-CN')).toBe('路灯：路灯三天不亮了');
    expect(ticketTitle('路灯', null, 'zh-CN')).toBe('路灯');
    expect(Array.from(ticketTitle('Street light', 'x'.repeat(50), 'en'))).toHaveLength(30);
  });
});

describe('GET requests filters', () => {
  const now = new Date('2026-06-01T00:00:00.000Z');
  const read = (params: Record<string, string>) => readRequestQuery(params, now, TZ);

  it('defaults to the last 90 days', () => {
    expect(read({})).toEqual({
      kind: 'search',
      serviceCodes: null,
      statuses: null,
      from: '2026-03-03T00:00:00.000Z',
      to: '2026-06-01T00:00:00.000Z',
    });
  });

  it('spans 90 days from a start date alone, or up to an end date alone', () => {
    expect(read({ start_date: '2026-01-01T00:00:00Z' })).toMatchObject({
      from: '2026-01-01T00:00:00.000Z',
      to: '2026-04-01T00:00:00.000Z',
    });
    expect(read({ end_date: '2026-04-01T00:00:00Z' })).toMatchObject({
      from: '2026-01-01T00:00:00.000Z',
      to: '2026-04-01T00:00:00.000Z',
    });
  });

  it('takes comma lists, and ids override everything else', () => {
    expect(read({ service_code: '010101, 020101,,010101', status: 'open,closed' })).toMatchObject({
      serviceCodes: ['010101', '020101'],
      statuses: ['open', 'closed'],
    });
    expect(read({ service_request_id: '1,2', start_date: 'nonsense' })).toEqual({
      kind: 'ids',
      numbers: ['1', '2'],
    });
  });
});

describe('where a point lies', () => {
  const square = (x: number, y: number, size: number) => [
    [x, y],
    [x + size, y],
    [x + size, y + size],
    [x, y + size],
    [x, y],
  ];
  it('is inside a polygon, not in its hole, and in any part of a multipolygon', () => {
    const withHole: Area = { type: 'Polygon', coordinates: [square(0, 0, 10), square(4, 4, 2)] };
    expect(areaContains(withHole, 1, 1)).toBe(true);
    expect(areaContains(withHole, 5, 5)).toBe(false);
    expect(areaContains(withHole, 11, 1)).toBe(false);
    const two: Area = {
      type: 'MultiPolygon',
      coordinates: [[square(0, 0, 1)], [square(20, 20, 1)]],
    };
    // lat first: (lat 20.5, lng 20.5) is in the second square.
    expect(areaContains(two, 20.5, 20.5)).toBe(true);
    expect(areaContains(two, 10, 10)).toBe(false);
  });
});

describe('a ticket’s state for Open311', () => {
  it('is closed only once closed, with a note for every state in both languages', () => {
    for (const status of TICKET_STATUSES) {
      expect(open311StatusOf(status)).toBe(status === 'closed' ? 'closed' : 'open');
      for (const locale of ['zh-CN', 'en'] as const) {
        expect(
          statusNote(
            { status, resolution: null, unitName: '南城街道', parentNumber: '20260302000001' },
            locale,
          ),
        ).not.toBe('');
      }
    }
    expect(
      statusNote(
        { status: 'merged', resolution: null, unitName: null, parentNumber: '20260302000001' },
        'zh-CN',
      ),
    ).toBe('与工单 20260302000001 合并办理');
    expect(
      statusNote(
        { status: 'closed', resolution: 'referral', unitName: null, parentNumber: null },
        'en',
      ),
    ).toBe('Outside the hotline’s remit; referred to the right channel');
  });
});

describe('log lines', () => {
  it('keep the filters and redact every other value', () => {
    expect(
      loggedUrl(
        '/api/v1/open311/v2/requests.json?api_key=o311_secret&status=open&phone=138&jurisdiction_id=x',
      ),
    ).toBe(
      '/api/v1/open311/v2/requests.json?api_key=[REDACTED]&status=open&phone=[REDACTED]&jurisdiction_id=x',
    );
    expect(loggedUrl('/api/v1/open311/v2/services.json')).toBe('/api/v1/open311/v2/services.json');
  });
});

describe('XML documents', () => {
  it('escape markup, drop what XML cannot hold, and keep 𠮷 and emoji', () => {
    const xml = serviceRequestsXml([{ service_request_id: '1', token: 'a<&>"b\u0001 𠮷😀' }]);
    expect(xml).toContain('a&lt;&amp;&gt;');
    expect(xmlAsJson(xml, 'service_requests', 'request')).toEqual([
      { service_request_id: '1', token: 'a<&>"b 𠮷😀' },
    ]);
    expect(xmlAsJson(serviceRequestsXml([]), 'service_requests', 'request')).toEqual([]);
  });
});
