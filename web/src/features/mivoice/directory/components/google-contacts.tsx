import type { GoogleContact } from '@oig/shared';
import type { ColumnDef } from '@tanstack/react-table';
import { useId, useMemo } from 'react';
import { DataTable } from '@/components/data-table/data-table';
import { serverPageOf } from '@/components/data-table/server-data-table';
import { useServerPaging } from '@/components/data-table/use-server-paging';
import { CONTACTS_PAGE_SIZE, useGoogleContacts } from '../api/get-google-contacts';
import { useMivoiceTranslation } from '../../i18n';

const NO_CONTACTS: readonly GoogleContact[] = [];
const contactId = (contact: GoogleContact) => contact.primaryEmail;

/** The cached Google directory, filtered and paged by the server (both roles). */
export function GoogleContacts() {
  const { t } = useMivoiceTranslation();
  const titleId = useId();
  const paging = useServerPaging(CONTACTS_PAGE_SIZE);
  const query = useGoogleContacts(paging.query);
  const columns = useMemo<ColumnDef<GoogleContact, unknown>[]>(
    () => [
      {
        id: 'name',
        header: t('google.contacts.name'),
        cell: ({ row: { original: c } }) =>
          c.fullName || [c.givenName, c.familyName].filter(Boolean).join(' '),
        size: 200,
      },
      {
        id: 'email',
        header: t('google.contacts.email'),
        cell: ({ row }) => row.original.primaryEmail,
        size: 240,
        meta: { cellClassName: 'break-all' },
      },
      {
        id: 'phones',
        header: t('google.contacts.phones'),
        cell: ({ row }) => (
          <ul className="space-y-0.5">
            {row.original.phones.map((phone, i) => (
              <li key={i}>
                <span className="font-mono text-xs">{phone.value}</span>
                {phone.type && <span className="ml-1 text-xs text-gray-600">({phone.type})</span>}
              </li>
            ))}
          </ul>
        ),
        size: 220,
      },
    ],
    [t],
  );

  return (
    <section
      aria-labelledby={titleId}
      className="space-y-2 border-t border-gray-100 pt-3"
      data-testid="google-contacts"
    >
      <h3 id={titleId} className="text-sm font-semibold text-gray-900">
        {t('google.contacts.title')}
      </h3>
      {/* A sync can shrink the directory under the page shown: DataTable goes back to the last page. */}
      <DataTable
        server={serverPageOf(query, {
          rows: query.data?.items ?? NO_CONTACTS,
          total: query.data?.total,
          offset: paging.offset,
          pageSize: paging.pageSize,
          onOffsetChange: paging.setOffset,
        })}
        columns={columns}
        getRowId={contactId}
        label={t('google.contacts.tableLabel')}
        emptyText={t('google.contacts.empty')}
        noMatchesText={t('google.contacts.noMatches')}
        filtered={Boolean(paging.q)}
        pageEmptyText={t('google.contacts.pageEmpty')}
        pagerLabel={t('google.contacts.pager')}
        search={{
          label: t('google.contacts.filters'),
          fieldLabel: t('google.contacts.search'),
          onApply: paging.applyFilter,
        }}
        testIdPrefix="contacts"
        rowTestId="contact-row"
      />
    </section>
  );
}
