/** At most this many row errors / issues are kept for a report (the total is still counted). */
export const MAX_REPORTED_ISSUES = 1_000;

/** Keeps the first `max` issues pushed and counts them all. */
export class IssueList<T> {
  readonly items: T[] = [];
  count = 0;
  constructor(readonly max = MAX_REPORTED_ISSUES) {}
  push(issue: T): void {
    this.count++;
    if (this.items.length < this.max) this.items.push(issue);
  }
  get truncated(): boolean {
    return this.count > this.items.length;
  }
}
