import { MutationObserver } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { AUDIT_QUERY_KEY, createQueryClient } from '../query-client';

describe('query client', () => {
  it('reads the audit log again after any successful change, and not after a failed one', async () => {
    const client = createQueryClient();
    const auditKey = [...AUDIT_QUERY_KEY, { offset: 0 }];
    const otherKey = ['users'];
    client.setQueryData(auditKey, { entries: [], total: 0 });
    client.setQueryData(otherKey, { users: [] });

    await expect(
      new MutationObserver(client, { mutationFn: () => Promise.reject(new Error('refused')) }).mutate(),
    ).rejects.toThrow('refused');
    expect(client.getQueryState(auditKey)?.isInvalidated).toBe(false);

    await new MutationObserver(client, { mutationFn: () => Promise.resolve('ok') }).mutate();
    expect(client.getQueryState(auditKey)?.isInvalidated).toBe(true);
    expect(client.getQueryState(otherKey)?.isInvalidated).toBe(false);
  });
});
