/** Product-wide constants shared by the console and the gateway. */
export const OIG_VERSION = '4.0.0';
/** The Session Management Service accepts every WSDL version up to this one; empty or missing means this one. */
export const LATEST_WSDL_VERSION = '4.0';

/** A call-control license count equal to this is a server license, shown with "(Server)". */
export const SERVER_LICENSE_USERS = 25_000;
/** Documented capacity of one OIG for MiVoice Integration sessions (Google + Salesforce). */
export const MIVOICE_INTEGRATION_MAX_SESSIONS = 1_500;
/** License use at or above this share of the inventory shows a warning. */
export const LICENSE_WARNING_RATIO = 0.9;

export const ROLES = ['administrator', 'support'] as const;
export type Role = (typeof ROLES)[number];

export const LICENSE_TYPES = [
  'standardCallControl',
  'advancedCallControl',
  'google',
  'salesforce',
  'dataAccess',
] as const;
export type LicenseType = (typeof LICENSE_TYPES)[number];

export const LICENSE_PROFILES = ['google', 'salesforce', 'salesforce-advanced', 'third-party'] as const;
export type LicenseProfile = (typeof LICENSE_PROFILES)[number];

export const SERVICE_TYPES = ['standard', 'advanced'] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];

export const SESSION_PROTOCOLS = ['soap', 'rest'] as const;
export type SessionProtocol = (typeof SESSION_PROTOCOLS)[number];

export const END_REASONS = [
  'logout',
  'keepalive-timeout',
  'terminated',
  'server-shutdown',
  'authentication-failed',
] as const;
export type EndReason = (typeof END_REASONS)[number];

/**
 * Error descriptions of the Session Management Service (both protocols). Applications match
 * on these texts, so they are a stable interface: never reword one.
 */
export const SESSION_ERRORS = {
  localPasswordInvalid: 'Local Password Invalid',
  applicationNotRegistered: 'Application not registered',
  applicationPasswordInvalid: 'Application Password Invalid',
  applicationDisabled: 'Application disabled',
  noLicense: 'No License',
  invalidSession: 'Invalid session',
  unsupportedVersion: 'Unsupported version',
  certificateNotTrusted: 'Certificate not trusted',
  certificateExpired: 'Certificate expired',
  certificateMismatch: 'Certificate does not match the application',
  advancedNotAllowed: 'Application not registered for advanced services',
  authenticationFailed: 'Authentication failed',
  tooManyAttempts: 'Too many failed logins, try again later',
  missingParameter: 'Missing parameter',
  serverBusy: 'Server busy, try again later',
} as const;
export type SessionErrorKey = keyof typeof SESSION_ERRORS;
