import { describe, expect, it } from 'vitest';
import { cx } from '@/lib/class-names';

describe('cx', () => {
  it('joins the given class names with one space', () => {
    expect(cx('rounded px-3', 'text-sm', 'focus-visible:outline-2')).toBe(
      'rounded px-3 text-sm focus-visible:outline-2',
    );
  });

  it('leaves out the false, null, undefined and empty parts', () => {
    expect(cx('a', false, null, undefined, '', 'b')).toBe('a b');
    expect(cx()).toBe('');
  });
});
