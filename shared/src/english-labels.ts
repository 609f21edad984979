import type { EndReason, LicenseType, ServiceType, SessionProtocol } from './constants.js';

/**
 * The English names of codes, for what the gateway writes for people to read in English (CSV
 * downloads, mail), in the Mitel documents' words. The console says them in its own language
 * (its strings files); files keep the codes too, in columns of their own, for tools.
 */
export const LICENSE_LABELS: Record<LicenseType, string> = {
  standardCallControl: 'Standard Call Control',
  advancedCallControl: 'Advanced Call Control',
  google: 'MiVoice for Google',
  salesforce: 'MiVoice for Salesforce',
  dataAccess: 'Data Access Service',
};

export const SERVICE_TYPE_LABELS: Record<ServiceType, string> = {
  standard: 'Standard',
  advanced: 'Advanced',
};

export const SESSION_PROTOCOL_LABELS: Record<SessionProtocol, string> = {
  soap: 'SOAP',
  rest: 'REST',
};

export const END_REASON_LABELS: Record<EndReason, string> = {
  logout: 'Logged out',
  'keepalive-timeout': 'Keep-alive timeout',
  terminated: 'Terminated by administrator',
  'server-shutdown': 'Server shutdown',
  'authentication-failed': 'Authentication failed',
};
