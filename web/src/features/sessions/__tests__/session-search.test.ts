import { liveSessionSchema } from '@oig/shared';
import { describe, expect, it } from 'vitest';
import { buildSearchIndex, filterByIndex, parseFilter } from '@/components/data-table/filter-rows';
import { i18n } from '@/lib/i18n';
import { makeSession, makeSessions } from '@/testing/data';
import {
  createSessionLabels,
  displaySessionId,
  liveSessionFilter,
  sessionSearchText,
} from '../utils/session-text';

const labels = () => createSessionLabels(i18n.getFixedT('en', 'sessions'));

describe('session search text', () => {
  it('covers every text column with human labels and the short session id', () => {
    const text = sessionSearchText(
      makeSession(0, {
        applicationName: 'CRM',
        companyName: 'Acme',
        clientAddress: '192.0.2.7',
        sessionIdLast4: '9876',
        // No license label holds the type's word, so "Advanced" can only come from the type column.
        type: 'advanced',
        licenses: ['google', 'dataAccess'],
      }),
      labels(),
    );
    for (const part of [
      'CRM',
      'Acme',
      'Advanced',
      'SOAP',
      '192.0.2.7',
      'MiVoice for Google',
      'Data Access',
      '…9876',
    ]) {
      expect(text).toContain(part);
    }
  });

  it('never shows more than four digits of a session id', () => {
    expect(displaySessionId('1234')).toBe('…1234');
    expect(displaySessionId('991234')).toBe('…1234');
  });

  it('filters 25,000 sessions on every term (speed is measured by npm run bench)', () => {
    const sessions = makeSessions(25_000);
    expect(liveSessionSchema.array().safeParse(sessions).success).toBe(true);
    const l = labels();
    const index = buildSearchIndex(sessions, (s) => sessionSearchText(s, l));
    const all = sessions.map((_, i) => ({ index: i }));
    const found = filterByIndex(all, index, parseFilter('wallboard rest'));
    expect(found).toHaveLength(
      sessions.filter((s) => s.applicationName === 'Wallboard' && s.protocol === 'rest').length,
    );
    expect(found.length).toBeGreaterThan(0);
  });
});

describe('the live list filter sent to the server', () => {
  it('splits on blanks into lower-case terms, each with the codes of the labels containing it', () => {
    expect(liveSessionFilter('  Acme   CALL soap ', labels())).toEqual({
      terms: [
        { text: 'acme', codes: [] },
        { text: 'call', codes: ['standardCallControl', 'advancedCallControl'] },
        { text: 'soap', codes: ['soap'] },
      ],
    });
    expect(liveSessionFilter('', labels())).toEqual({ terms: [] });
    // "Advanced" is a type and part of a license's label.
    expect(liveSessionFilter('advanced', labels())!.terms[0]!.codes).toEqual([
      'advanced',
      'advancedCallControl',
    ]);
  });

  it('resolves terms against the labels of the console language', () => {
    const fr = createSessionLabels(i18n.getFixedT('fr', 'sessions'));
    const codes = liveSessionFilter('avancé', fr)!.terms[0]!.codes;
    expect(codes).toContain('advanced');
    expect(liveSessionFilter('avancé', labels())!.terms[0]!.codes).toEqual([]);
  });

  it('is null over the limits (10 terms, 64 characters a term)', () => {
    expect(liveSessionFilter('a b c d e f g h i j', labels())).not.toBeNull();
    expect(liveSessionFilter('a b c d e f g h i j k', labels())).toBeNull();
    expect(liveSessionFilter('x'.repeat(64), labels())).not.toBeNull();
    expect(liveSessionFilter('x'.repeat(65), labels())).toBeNull();
  });
});

describe('refresh intervals', () => {
  it('refreshes the live list every 30 seconds', async () => {
    const { getLiveSessionsQueryOptions } = await import('../api/get-live-sessions');
    expect(getLiveSessionsQueryOptions().refetchInterval).toBe(30_000);
  });
});
