import { describe, expect, it } from 'vitest';
import { createBatchQueue } from '../batch-queue.js';

/** A `run` that records each batch and finishes only when the test says so. */
function heldRuns<T>(answer: (item: T) => string) {
  const batches: T[][] = [];
  const finish: Array<(fail?: Error) => void> = [];
  const run = (items: T[]) =>
    new Promise<string[]>((resolve, reject) => {
      batches.push(items);
      finish.push((fail) => (fail ? reject(fail) : resolve(items.map(answer))));
    });
  return { run, batches, finish };
}

const turn = () => new Promise((r) => setImmediate(r));

describe('createBatchQueue', () => {
  it('runs an item alone at once, and gathers the items that arrive meanwhile into the next batch', async () => {
    const h = heldRuns<number>((i) => `#${i}`);
    const push = createBatchQueue(10, h.run);
    const first = push(1);
    await turn();
    expect(h.batches).toEqual([[1]]);
    const later = [push(2), push(3), push(4)];
    await turn();
    expect(h.batches).toHaveLength(1); // one batch at a time
    h.finish[0]!();
    expect(await first).toBe('#1');
    await turn();
    expect(h.batches[1]).toEqual([2, 3, 4]);
    h.finish[1]!();
    expect(await Promise.all(later)).toEqual(['#2', '#3', '#4']);
  });

  it('never puts more than `max` items in a batch, keeping their order', async () => {
    const h = heldRuns<number>(String);
    const push = createBatchQueue(3, h.run);
    const all = Array.from({ length: 8 }, (_, i) => push(i));
    for (let b = 0; b < 4; b++) {
      await turn();
      h.finish[b]!();
    }
    expect(await Promise.all(all)).toEqual(['0', '1', '2', '3', '4', '5', '6', '7']);
    expect(h.batches).toEqual([[0], [1, 2, 3], [4, 5, 6], [7]]);
  });

  it('gives a failed batch its error on every call of that batch only; the next batches go on', async () => {
    const h = heldRuns<string>((s) => s.toUpperCase());
    const push = createBatchQueue(5, h.run);
    const a = push('a');
    await turn();
    const b = push('b');
    const c = push('c');
    h.finish[0]!();
    await turn();
    h.finish[1]!(new Error('database gone'));
    await expect(b).rejects.toThrow('database gone');
    await expect(c).rejects.toThrow('database gone');
    expect(await a).toBe('A');
    const d = push('d');
    await turn();
    h.finish[2]!();
    expect(await d).toBe('D');
  });

  it('refuses a run that answers a different number of results, and a batch size below 1', async () => {
    const push = createBatchQueue(5, async (items: number[]) => items.slice(1));
    await expect(push(1)).rejects.toThrow('batch of 1 answered 0 results');
    expect(() => createBatchQueue(0, async (items: number[]) => items)).toThrow(RangeError);
  });
});
