/** GET: the whole user list as CSV (formula cells neutralised; imports back unchanged). A plain link downloads it. */
export const USER_LIST_EXPORT_URL = '/api/v1/mivoice/users/export';
