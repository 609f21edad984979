/**
 * The event cache: every status event in stamp order, so GetOpenMediaRequestsByTime is a binary
 * search plus a slice. Requests that age out (or are cleared) are only flagged; their events are
 * skipped on reading and dropped in bulk once they make up half of the cache.
 */
import type { Micros } from './time.js';
import type { SimEvent, SimRequest } from './types.js';

const COMPACT_AT_LEAST = 1024;

export class EventCache {
  private events: SimEvent[] = [];
  private dead = 0;

  get size(): number {
    return this.events.length - this.dead;
  }

  add(event: SimEvent): void {
    this.events.push(event);
  }

  /** Call after flagging the request removed. */
  forget(request: SimRequest): void {
    this.dead += request.events.length;
    if (this.dead >= COMPACT_AT_LEAST && this.dead * 2 >= this.events.length) {
      this.events = this.events.filter((e) => !e.request.removed);
      this.dead = 0;
    }
  }

  clear(): void {
    this.events = [];
    this.dead = 0;
  }

  /** Every live event stamped strictly later than `after`, oldest first. */
  laterThan(after: Micros): SimEvent[] {
    const list = this.events;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (list[mid]!.stamp > after) hi = mid;
      else lo = mid + 1;
    }
    const out: SimEvent[] = [];
    for (let i = lo; i < list.length; i++) {
      const e = list[i]!;
      if (!e.request.removed) out.push(e);
    }
    return out;
  }
}
