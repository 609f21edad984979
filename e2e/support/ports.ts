/** The product's port for the e2e run, and its fake peers' ports next to it (support/fake-peers.mjs). */
export const PORT = Number(process.env.E2E_PORT ?? 4780);
export const PEERS = { mcs: PORT + 1, mivb: PORT + 2, micc: PORT + 3, smtp: PORT + 4, google: PORT + 5 };
