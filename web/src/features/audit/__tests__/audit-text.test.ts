import { AUDIT_ACTIONS, AUDIT_MASK } from '@oig/shared';
import { describe, expect, it } from 'vitest';
import { i18n } from '@/lib/i18n';
import { auditActionLabels, describeChanges, formatAuditValue } from '../utils/audit-text';

describe('describeChanges', () => {
  it('writes one "key: old → new" line per changed key and leaves unchanged keys out', () => {
    expect(describeChanges({ loggingLevel: 'info', keep: 1 }, { loggingLevel: 'trace', keep: 1 })).toEqual([
      'loggingLevel: info → trace',
    ]);
  });

  it('keeps masked values as the server sent them', () => {
    expect(describeChanges({ password: AUDIT_MASK }, { password: AUDIT_MASK, rotated: true })).toEqual([
      'rotated: — → true',
    ]);
    expect(describeChanges(null, { username: 'dave', password: AUDIT_MASK })).toEqual([
      'username: dave',
      `password: ${AUDIT_MASK}`,
    ]);
  });

  it('shows a removal or creation as the recorded side only, and null as —', () => {
    expect(describeChanges({ host: '192.0.2.10' }, null)).toEqual(['host: 192.0.2.10']);
    expect(describeChanges({ usageReportEmail: 'ops@example.com' }, { usageReportEmail: null })).toEqual([
      'usageReportEmail: ops@example.com → —',
    ]);
    expect(describeChanges(null, null)).toEqual([]);
  });

  it('formats other values compactly', () => {
    expect(formatAuditValue(['a', 'b'])).toBe('["a","b"]');
    expect(formatAuditValue({ a: 1 })).toBe('{"a":1}');
    expect(formatAuditValue('')).toBe('""');
    expect(formatAuditValue(false)).toBe('false');
  });
});

describe('auditActionLabels', () => {
  it('has a distinct human label for every action, in English and French', async () => {
    for (const language of ['en', 'fr']) {
      await i18n.changeLanguage(language);
      const labels = auditActionLabels(i18n.getFixedT(language, 'options'));
      const values = AUDIT_ACTIONS.map((a) => labels[a]);
      expect(new Set(values).size).toBe(AUDIT_ACTIONS.length);
      for (const v of values) expect(v).not.toMatch(/^audit\./);
    }
    await i18n.changeLanguage('en');
    expect(auditActionLabels(i18n.getFixedT('en', 'options'))['network-element.create']).toBe(
      'Network element added',
    );
  });
});
