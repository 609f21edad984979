/**
 * The largest state (100,000 requests): fill is bounded, list answers hold every request, a full
 * store refuses more. How long each holds the event loop is measured by `npm run bench`, not here.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FILL } from '../sim.js';
import { type Peer, envelope, postXml, startPeer } from './helpers.js';

/** POSTs and collects the answer's bytes. */
async function postCollect(url: string, body: string): Promise<{ status: number; chunks: Uint8Array[] }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'text/xml; charset=utf-8' },
    body,
  });
  const chunks: Uint8Array[] = [];
  for await (const chunk of res.body!) chunks.push(chunk);
  return { status: res.status, chunks };
}
const textOf = (r: { chunks: Uint8Array[] }) => Buffer.concat(r.chunks).toString('utf8');

describe('100,000 requests', () => {
  let peer: Peer;
  beforeAll(async () => {
    peer = await startPeer();
  });
  afterAll(() => peer.close());

  it('fills to the maximum, lists every request, and refuses the next one', async () => {
    const sim = peer.running.sim;
    for (let i = 0; i < 20; i++) {
      expect(sim.fill(MAX_FILL, i % 2 === 0 ? 1001 : 1002)).toHaveLength(MAX_FILL);
    }
    expect(sim.state().counts.requests).toBe(100_000);

    const all = await postCollect(
      peer.running.url,
      envelope('<GetAllOpenMediaRequestStatus xmlns="OpenMediaService"/>'),
    );
    expect(all.status).toBe(200);
    const allText = textOf(all);
    expect(allText.split('<OpenMediaRequest>').length - 1).toBe(100_000);
    expect(allText).toContain('<QueuePosition>49999</QueuePosition><EWT>');

    const byTime = await postCollect(
      peer.running.url,
      envelope(
        '<GetOpenMediaRequestsByTime xmlns="OpenMediaService"><RetrieveLaterThan>2000-01-01T00:00:00Z' +
          '</RetrieveLaterThan></GetOpenMediaRequestsByTime>',
      ),
    );
    expect(textOf(byTime).split('<OpenMediaRequest>').length - 1).toBe(100_000 + 1); // one allocation

    const add = await postXml(
      peer.running.url,
      envelope(
        '<AddRequest xmlns="OpenMediaService"><ServiceGroupID>1001</ServiceGroupID>' +
          '<IVRInfo><IVRInformation><Label>x</Label></IVRInformation></IVRInfo></AddRequest>',
      ),
    );
    expect(add.text).toContain('<RequestStatus>5</RequestStatus>'); // full
    sim.advance(3_600_000);
    const snapshot = sim.state();
    expect(snapshot.requestsTruncated).toBe(true);
    expect(snapshot.requests).toHaveLength(2_000);
  });
});
