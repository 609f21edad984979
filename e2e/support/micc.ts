/** The Open Media credentials the e2e MiContact Center (support/fake-peers.mjs) accepts. */
export const MICC_LOGON_ID = 'oig-e2e';
export const MICC_PASSWORD = 'e2e-open-media-password';
