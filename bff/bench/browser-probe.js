/* global window, document, MutationObserver, requestAnimationFrame, CONTRACT */
/**
 * The in-page probe of the benchmark's browser phase (bench/browser.ts), added to every page as an
 * init script after `const CONTRACT = {...}` (the selector contract at the top of browser.ts). Plain
 * browser JavaScript, never bundled nor transpiled. It records, against the page's own clock
 * (performance.now(), 0 = navigation start):
 *  - marks: when the Sessions table first shows a data row, when the Overview's figures show, and
 *    when a text armed by expectText() appears — each as `dom` (the mutation that made it true) and
 *    `painted` (the task after the next frame, i.e. once it is on screen);
 *  - lastMutation: the time of the newest DOM change (to wait until the page is quiet);
 *  - longTasks (PerformanceObserver 'longtask') and events (Event Timing, duration ≥ 16 ms);
 *  - keydowns: the timeStamp of each keydown.
 * Its own cost is a few selector queries per DOM change.
 */
(() => {
  const bench = {
    marks: {},
    lastMutation: 0,
    longTasks: [],
    events: [],
    keydowns: [],
    texts: {},
    expectText(name, text) {
      delete bench.marks[name]; // armed again: a mark for the new text
      bench.texts[name] = text;
      check();
    },
  };
  window.__oigBench = bench;

  const observe = (type, opts, push) => {
    try {
      new PerformanceObserver((list) => list.getEntries().forEach(push)).observe({
        type,
        buffered: true,
        ...opts,
      });
    } catch {
      // The browser does not offer this entry type: the figure stays empty and browser.ts says so.
    }
  };
  observe('longtask', {}, (e) => bench.longTasks.push({ start: e.startTime, duration: e.duration }));
  observe('event', { durationThreshold: 16 }, (e) =>
    bench.events.push({
      name: e.name,
      start: e.startTime,
      duration: e.duration,
      processingStart: e.processingStart,
      processingEnd: e.processingEnd,
      interactionId: e.interactionId ?? 0,
    }),
  );
  window.addEventListener('keydown', (e) => bench.keydowns.push(e.timeStamp), { capture: true });

  /** The accessible name of a table as the contract gives it: aria-labelledby, aria-label, caption. */
  const nameOf = (el) => {
    const ids = el.getAttribute('aria-labelledby');
    if (ids) {
      return ids
        .split(/\s+/)
        .map((id) => document.getElementById(id)?.textContent ?? '')
        .join(' ')
        .trim();
    }
    const label = el.getAttribute('aria-label');
    if (label) return label.trim();
    return el.querySelector('caption')?.textContent?.trim() ?? '';
  };
  /** A data row: not hidden, not a header, at least two cells, some text (not an empty/loading row). */
  const hasDataRow = (table) =>
    [...table.querySelectorAll('tr, [role="row"]')].some(
      (row) =>
        row.getAttribute('aria-hidden') !== 'true' &&
        !row.closest('thead') &&
        row.querySelectorAll('td, [role="cell"], [role="gridcell"]').length >= 2 &&
        (row.textContent ?? '').trim() !== '',
    );
  const predicates = {
    sessionsRows: () =>
      [...document.querySelectorAll('table, [role="table"], [role="grid"]')].some(
        (t) => nameOf(t) === CONTRACT.sessionsTable && hasDataRow(t),
      ),
    overviewFigures: () => /\d/.test(document.querySelector(CONTRACT.overviewFigure)?.textContent ?? ''),
  };

  const mark = (name) => {
    const m = { dom: performance.now(), painted: NaN };
    bench.marks[name] = m;
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        m.painted = performance.now();
      };
      channel.port2.postMessage(null);
    });
  };
  const check = () => {
    for (const [name, test] of Object.entries(predicates)) if (!bench.marks[name] && test()) mark(name);
    for (const [name, text] of Object.entries(bench.texts)) {
      if (!bench.marks[name] && (document.body?.textContent ?? '').includes(text)) mark(name);
    }
  };
  new MutationObserver(() => {
    bench.lastMutation = performance.now();
    check();
  }).observe(document, { childList: true, subtree: true, characterData: true, attributes: true });
})();
