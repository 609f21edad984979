import type { EndReason, LicenseType, ServiceType, SessionProtocol } from './constants.js';
import type { RefusedLoginReason } from './refused-logins.js';

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

export const REFUSED_LOGIN_REASON_LABELS: Record<RefusedLoginReason, string> = {
  missing_parameter: 'Missing parameter',
  unsupported_version: 'Unsupported version',
  unknown_application: 'Application not registered',
  bad_application_password: 'Application Password Invalid',
  no_local_password: 'No local password set',
  bad_local_password: 'Local Password Invalid',
  disabled: 'Application disabled',
  no_license: 'No License',
  throttled: 'Too many failed logins',
  advanced_not_allowed: 'Not registered for advanced services',
  certificate_not_trusted: 'Certificate not trusted',
  certificate_expired: 'Certificate expired',
  certificate_mismatch: 'Certificate does not match the application',
  advanced_login_failed: 'Advanced authentication failed',
};

/** The license counters' names, with the MiVoice Integration session capacity beside the license types. */
export const USAGE_COUNTER_LABELS: Record<LicenseType | 'miVoiceIntegration', string> = {
  ...LICENSE_LABELS,
  miVoiceIntegration: 'MiVoice Integration',
};
