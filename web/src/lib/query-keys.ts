/**
 * Query keys that more than one feature needs. A feature that changes what another feature shows
 * (e.g. queues a message that the Mail Outbox lists) invalidates through these, never by importing
 * the other feature (the lint zones forbid it).
 */
export const queryKeys = {
  /** Prefix of every Mail Outbox page's key: e-mail actions in any tab invalidate it. */
  outbox: ['mail', 'outbox'] as const,
  /** The network elements list: its tab and the Open Media view (which names the MiCC) read it. */
  networkElements: ['network-elements', 'list'] as const,
};
