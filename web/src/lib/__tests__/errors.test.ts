import { describe, expect, it } from 'vitest';
import { asSentence } from '@/lib/errors';

describe('asSentence', () => {
  it('ends a message with a full stop unless it already ends a sentence', () => {
    expect(asSentence('Google: Not Authorized (403)')).toBe('Google: Not Authorized (403).');
    expect(asSentence('Try again later.  ')).toBe('Try again later.');
    expect(asSentence('Really?')).toBe('Really?');
    expect(asSentence('接続できません。')).toBe('接続できません。');
    expect(asSentence('')).toBe('');
  });
});
