/**
 * GET: the whole user list as CSV (formula cells neutralised; imports back unchanged), downloaded
 * with DownloadButton.
 */
export const USER_LIST_EXPORT_URL = '/api/v1/mivoice/users/export';

/** The name the server gives it (used if its answer names none). */
export const USER_LIST_EXPORT_FILE_NAME = 'mivoice-users.csv';
