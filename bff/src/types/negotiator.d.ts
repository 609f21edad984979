// The part of negotiator 1.x the server uses (it ships no types; @types/negotiator describes 0.6,
// which has no `preferred` option).
declare module 'negotiator' {
  import type { IncomingHttpHeaders } from 'node:http';

  class Negotiator {
    constructor(request: { headers: IncomingHttpHeaders });
    /**
     * The client's most preferred of `available` (q-values first; among equals, the first of
     * `preferred`), or undefined when it accepts none.
     */
    encoding(available: readonly string[], options?: { preferred?: readonly string[] }): string | undefined;
  }
  export = Negotiator;
}
