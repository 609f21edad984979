import type {
  GoogleContact,
  GoogleDirectory,
  LocalizationImportReport,
  LocalizationLanguage,
  LocalizationOverview,
  MailOutcome,
  MailSettings,
  MivoiceUser,
  UserListImportReport,
} from '@oig/shared';
import type { MockReply, RecordedRequest } from '@/testing/mock-fetch';

export function makeDirectory(overrides: Partial<GoogleDirectory> = {}): GoogleDirectory {
  return {
    adminEmail: 'gadmin@example.com',
    domain: 'example.com',
    serviceAccountKeySet: true,
    serviceAccountEmail: 'oig-sync@example-project.iam.gserviceaccount.com',
    lastSyncAt: '2026-11-20T09:30:00.000Z',
    contactCount: 1234,
    lastError: null,
    lastErrorReason: null,
    lastErrorAt: null,
    ...overrides,
  };
}

export function makeContact(i: number): GoogleContact {
  return {
    primaryEmail: `person${i}@example.com`,
    fullName: `Person ${i}`,
    givenName: 'Person',
    familyName: String(i),
    phones: [{ value: `+1 555 01${String(i).padStart(2, '0')}`, type: 'work' }],
  };
}

export function makeUser(i: number, overrides: Partial<MivoiceUser> = {}): MivoiceUser {
  return {
    primaryEmail: `user${i}@example.com`,
    fullName: `User ${i}`,
    givenName: 'User',
    familyName: String(i),
    phoneNumber: `0044 20 7946 ${String(i).padStart(4, '0')}`,
    phoneType: 'work',
    recordSource: 'csv',
    updatedAt: '2026-11-21T10:00:00.000Z',
    ...overrides,
  };
}

/**
 * A dry run's report. By default its figures follow `errors`: errorCount = the problems listed,
 * badRows = the lines they are on (a row can have several problems, one per bad cell).
 */
export function makeReport(overrides: Partial<UserListImportReport> = {}): UserListImportReport {
  const errors = overrides.errors ?? [];
  return {
    added: 3,
    updated: 2,
    deleted: 0,
    unchanged: 4,
    errors,
    errorCount: errors.length,
    badRows: new Set(errors.map((e) => e.line)).size,
    errorsTruncated: false,
    rows: 10,
    dryRun: true,
    mode: 'strict',
    applied: false,
    limitExceeded: null,
    delimiter: ',',
    encoding: 'utf-8',
    ...overrides,
  };
}

export function makeLanguage(
  code: LocalizationLanguage['code'],
  name: string,
  overrides: Partial<LocalizationLanguage> = {},
): LocalizationLanguage {
  const language = {
    code,
    name,
    translated: 150,
    sameAsEnglish: 0,
    total: 150,
    builtIn: false,
    importedAt: '2026-11-02T08:00:00.000Z',
    importedBy: 'admin',
    fileName: `MiVoice Integration for Google_${code}.csv`,
    ...overrides,
  };
  // Unless given, the keys neither translated nor the same as English are missing.
  return { missing: language.total - language.translated - language.sameAsEnglish, ...language };
}

export function makeLocalization(): LocalizationOverview {
  return {
    applications: [
      {
        application: 'google',
        fileNamePrefix: 'MiVoice Integration for Google',
        languages: [
          makeLanguage('en', 'English', {
            builtIn: true,
            importedAt: null,
            importedBy: null,
            fileName: null,
          }),
          makeLanguage('ja', 'Japanese', { translated: 3, sameAsEnglish: 117, total: 150 }),
          makeLanguage('fr', 'French'),
        ],
      },
      {
        application: 'salesforce',
        fileNamePrefix: 'MiVoice Integration for Salesforce',
        languages: [
          makeLanguage('en', 'English', {
            total: 80,
            translated: 80,
            builtIn: true,
            importedAt: null,
            importedBy: null,
            fileName: null,
          }),
          makeLanguage('de', 'German', {
            total: 80,
            translated: 40,
            fileName: 'MiVoice Integration for Salesforce_de.csv',
          }),
        ],
      },
    ],
  };
}

export function makeLocalizationReport(
  overrides: Partial<LocalizationImportReport> = {},
): LocalizationImportReport {
  return {
    application: 'google',
    language: 'ja',
    fileName: 'MiVoice Integration for Google_ja.csv',
    stored: true,
    translated: 148,
    sameAsEnglish: 0,
    total: 150,
    errors: [],
    errorCount: overrides.errors?.length ?? 0,
    errorsTruncated: false,
    warnings: [],
    ...overrides,
  };
}

const conflict = (message: string): MockReply => ({
  status: 409,
  body: { error: { code: 'conflict', message, fields: { adminEmail: 'Not set' } } },
});

/** What an upload handler sees of the multipart body (see fakeXhr). */
export function uploadedFile(request: RecordedRequest): { name: string; size: number; text: string } {
  return (request.body as { file: { name: string; size: number; text: string } }).file;
}

export interface MivoiceState {
  adminEmail: string | null;
  directory: GoogleDirectory;
  contacts: GoogleContact[];
  users: MivoiceUser[];
  localization: LocalizationOverview;
  /** False: no SMTP server is set, so the Email routes answer "saved to file" (see /mail/settings). */
  mailServer: boolean;
}

/** Where the fixture server keeps its .eml files when no mail server is set. */
export const OUTBOX_FOLDER = '/var/lib/oig/outbox';

/** GET /mail/settings of the fixture server: a server set in the Options, or none. */
export function makeMailSettings(mailServer: boolean): MailSettings {
  return {
    source: mailServer ? 'options' : 'none',
    host: mailServer ? 'smtp.example.com' : null,
    port: mailServer ? 25 : null,
    tlsMode: mailServer ? 'none' : null,
    username: null,
    passwordSet: false,
    fromAddress: 'oig@example.com',
    outboxFolder: OUTBOX_FOLDER,
  };
}

/** The outcome an Email route answers: queued for the mail server, or saved to `<id>.eml`. */
function outcomeOf(id: string, mailServer: boolean): MailOutcome {
  return mailServer
    ? { id, state: 'queued', delivery: 'smtp', fileName: null, outboxFolder: null }
    : { id, state: 'saved', delivery: 'file', fileName: `${id}.eml`, outboxFolder: OUTBOX_FOLDER };
}

/**
 * Routes of the MiVoice API over a small in-memory state, as the server answers them: settings
 * and directory merge PUT bodies, lists filter by `q` and page by `limit`/`offset`, the Email
 * routes answer 409 while no address is set, DELETE removes a language, the exports answer CSV
 * files with the server's names (a language's 404 once it is deleted).
 */
export function mivoiceRoutes(initial: Partial<MivoiceState> = {}) {
  const state: MivoiceState = {
    adminEmail: 'exports@example.com',
    directory: makeDirectory(),
    contacts: Array.from({ length: 3 }, (_, i) => makeContact(i)),
    users: Array.from({ length: 3 }, (_, i) => makeUser(i)),
    localization: makeLocalization(),
    mailServer: true,
    ...initial,
  };
  const page = <T>(items: T[], request: RecordedRequest, text: (item: T) => string) => {
    const q = request.url.searchParams.get('q')?.toLowerCase() ?? '';
    const limit = Number(request.url.searchParams.get('limit') ?? 50);
    const offset = Number(request.url.searchParams.get('offset') ?? 0);
    const matching = items.filter((item) => text(item).toLowerCase().includes(q));
    return { total: matching.length, items: matching.slice(offset, offset + limit) };
  };
  // The language files of the languages there at the start: from the state (404 once deleted),
  // named as the server names them.
  const languageExports = Object.fromEntries(
    state.localization.applications.flatMap((a) =>
      a.languages.map((l) => [
        `GET /api/v1/mivoice/localization/${a.application}/${l.code}/export`,
        (): MockReply => {
          const app = state.localization.applications.find((x) => x.application === a.application);
          if (!app?.languages.some((x) => x.code === l.code)) {
            return {
              status: 404,
              body: {
                error: {
                  code: 'not_found',
                  message: `${l.name} (${l.code}) is not imported for ${a.fileNamePrefix}`,
                },
              },
            };
          }
          const disposition = `attachment; filename="${a.fileNamePrefix}_${l.code}.csv"`;
          return {
            text: `\uFEFFmessageKey,languageValue\r\ncancel,${l.code}-cancel\r\n`,
            headers: { 'Content-Type': 'text/csv; charset=utf-8', 'Content-Disposition': disposition },
          };
        },
      ]),
    ),
  );
  const routes = {
    ...languageExports,
    'GET /api/v1/mivoice/users/export': (): MockReply => ({
      text: `\uFEFFprimary_email,full_name\r\n${state.users.map((u) => `${u.primaryEmail},${u.fullName}`).join('\r\n')}\r\n`,
      headers: {
        'Content-Type': 'text/csv; charset=utf-8',
        'Content-Disposition': 'attachment; filename="mivoice-users.csv"',
      },
    }),
    'GET /api/v1/mivoice/settings': () => ({ body: { adminEmail: state.adminEmail } }),
    'PUT /api/v1/mivoice/settings': (request: RecordedRequest): MockReply => {
      state.adminEmail = (request.body as { adminEmail: string | null }).adminEmail;
      return { body: { adminEmail: state.adminEmail } };
    },
    'GET /api/v1/mivoice/google': () => ({ body: state.directory }),
    'PUT /api/v1/mivoice/google': (request: RecordedRequest): MockReply => {
      const body = request.body as { adminEmail: string; domain: string; serviceAccountKey?: string | null };
      const key = body.serviceAccountKey;
      state.directory = {
        ...state.directory,
        adminEmail: body.adminEmail,
        domain: body.domain,
        ...(key === null && { serviceAccountKeySet: false, serviceAccountEmail: null }),
        ...(typeof key === 'string' && {
          serviceAccountKeySet: true,
          serviceAccountEmail: (JSON.parse(key) as { client_email: string }).client_email,
        }),
      };
      return { body: state.directory };
    },
    'POST /api/v1/mivoice/google/sync': (): MockReply => {
      state.directory = {
        ...state.directory,
        lastSyncAt: '2026-11-23T12:00:00.000Z',
        contactCount: state.contacts.length,
        lastError: null,
        lastErrorReason: null,
        lastErrorAt: null,
      };
      return { body: state.directory };
    },
    'GET /api/v1/mivoice/google/contacts': (request: RecordedRequest) => ({
      body: page(state.contacts, request, (c) => `${c.fullName} ${c.primaryEmail}`),
    }),
    'GET /api/v1/mivoice/users': (request: RecordedRequest) => ({
      body: page(state.users, request, (u) => `${u.primaryEmail} ${u.fullName} ${u.phoneNumber}`),
    }),
    'POST /api/v1/mivoice/users/email': (): MockReply =>
      state.adminEmail
        ? {
            status: 202,
            body: { mailId: 'mail-1', to: state.adminEmail, mail: outcomeOf('mail-1', state.mailServer) },
          }
        : conflict('Set the administrator e-mail of the MiVoice tab first'),
    'GET /api/v1/mivoice/localization': () => ({ body: state.localization }),
    'GET /api/v1/mail/settings': () => ({ body: makeMailSettings(state.mailServer) }),
    'DELETE /api/v1/mivoice/localization/google/ja': (): MockReply => {
      const google = state.localization.applications[0];
      if (google) google.languages = google.languages.filter((l) => l.code !== 'ja');
      return { status: 204 };
    },
    'POST /api/v1/mivoice/localization/google/ja/email': (): MockReply =>
      state.adminEmail
        ? {
            status: 202,
            body: { mailId: 'mail-2', to: state.adminEmail, mail: outcomeOf('mail-2', state.mailServer) },
          }
        : conflict('Set the administrator e-mail of the MiVoice tab first'),
    'POST /api/v1/mivoice/localization/salesforce/en/email': (): MockReply =>
      state.adminEmail
        ? {
            status: 202,
            body: { mailId: 'mail-3', to: state.adminEmail, mail: outcomeOf('mail-3', state.mailServer) },
          }
        : conflict('Set the administrator e-mail of the MiVoice tab first'),
  };
  return { state, routes };
}
