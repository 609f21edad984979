import { describe, expect, it } from 'vitest';
import {
  filterOfQuery,
  LIVE_SESSIONS_PAGE_MAX,
  liveSessionsQuerySchema,
  liveSessionsSearchParams,
  terminateManyRequestSchema,
  TERMINATE_MAX,
} from './sessions.js';

/** A query string as Express's parser gives it (a repeated parameter is an array). */
const parsed = (qs: string) => {
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of new URLSearchParams(qs)) {
    const prev = out[k];
    out[k] = prev === undefined ? v : ([] as string[]).concat(prev, v);
  }
  return liveSessionsQuerySchema.safeParse(out);
};

describe('live sessions query', () => {
  it('defaults to the first page of 50, newest first, no filter', () => {
    expect(parsed('').data).toEqual({
      term: [],
      codes: [],
      sort: 'createdAt',
      order: 'desc',
      offset: 0,
      limit: 50,
    });
  });

  it('reads terms (trimmed, lower-cased) and their codes in place, empty codes kept', () => {
    const q = parsed(
      'term=SOAP&codes=soap&term=Acme&codes=&term=call&codes=standardCallControl,advancedCallControl',
    );
    expect(q.success).toBe(true);
    expect(filterOfQuery(q.data!)).toEqual({
      terms: [
        { text: 'soap', codes: ['soap'] },
        { text: 'acme', codes: [] },
        { text: 'call', codes: ['standardCallControl', 'advancedCallControl'] },
      ],
    });
    // Without codes a term is looked for in the text only.
    expect(filterOfQuery(parsed('term=x').data!)).toEqual({ terms: [{ text: 'x', codes: [] }] });
  });

  it('round-trips the console request', () => {
    const filter = {
      terms: [
        { text: 'soap', codes: ['soap' as const] },
        { text: 'a', codes: [] },
      ],
    };
    const qs = liveSessionsSearchParams({
      filter,
      sort: 'clientAddress',
      order: 'asc',
      offset: 100,
      limit: 50,
    });
    const q = parsed(qs.toString());
    expect(q.data).toMatchObject({ sort: 'clientAddress', order: 'asc', offset: 100, limit: 50 });
    expect(filterOfQuery(q.data!)).toEqual(filter);
  });

  it('refuses values over the limits and unknown values, naming the field', () => {
    const field = (qs: string) => parsed(qs).error?.issues[0]?.path[0];
    expect(parsed(`limit=${LIVE_SESSIONS_PAGE_MAX}`).success).toBe(true);
    expect(field(`limit=${LIVE_SESSIONS_PAGE_MAX + 1}`)).toBe('limit');
    expect(field('limit=0')).toBe('limit');
    expect(field('offset=100001')).toBe('offset');
    expect(field('sort=handle')).toBe('sort');
    expect(field('order=sideways')).toBe('order');
    expect(parsed(`term=${'a'.repeat(64)}`).success).toBe(true);
    expect(field(`term=${'a'.repeat(65)}`)).toBe('term');
    expect(field('term=%20%20')).toBe('term');
    expect(parsed(Array.from({ length: 10 }, (_, i) => `term=t${i}`).join('&')).success).toBe(true);
    expect(field(Array.from({ length: 11 }, (_, i) => `term=t${i}`).join('&'))).toBe('term');
    expect(field('term=a&codes=teleport')).toBe('codes');
    expect(field('term=a&codes=soap&codes=rest')).toBe('codes');
  });
});

describe('terminate request', () => {
  it('takes ids or a filter, exactly one', () => {
    expect(terminateManyRequestSchema.safeParse({ ids: ['a'] }).success).toBe(true);
    expect(terminateManyRequestSchema.safeParse({ filter: { terms: [] } }).success).toBe(true);
    expect(
      terminateManyRequestSchema.safeParse({ filter: { terms: [{ text: 'soap', codes: ['soap'] }] } })
        .success,
    ).toBe(true);
    for (const bad of [
      {},
      { ids: ['a'], filter: { terms: [] } },
      { ids: [] },
      { ids: Array.from({ length: TERMINATE_MAX + 1 }, (_, i) => `h${i}`) },
      { filter: { terms: [{ text: 'x', codes: ['nope'] }] } },
      { filter: { terms: Array.from({ length: 11 }, () => ({ text: 'x' })) } },
      { filter: { terms: [] }, all: true },
    ])
      expect(terminateManyRequestSchema.safeParse(bad).success, JSON.stringify(bad).slice(0, 80)).toBe(false);
  });
});
