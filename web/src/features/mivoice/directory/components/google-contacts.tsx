import type { GoogleContact } from '@oig/shared';
import { useId } from 'react';
import { QueryErrorAlert } from '@/components/ui/error-alert';
import { LoadingState } from '@/components/ui/spinner';
import { CONTACTS_PAGE_SIZE, useGoogleContacts } from '../api/get-google-contacts';
import { useMivoiceTranslation } from '../../i18n';
import { PageRange } from '../../components/page-range';
import { SearchFilter } from '../../components/search-filter';
import { tableRegionClasses, tdClasses, thClasses } from '../../components/table-styles';
import { useKeepPageWithin, usePagedFilter } from '../../components/use-paged-filter';

const NO_CONTACTS: readonly GoogleContact[] = [];

/** The cached Google directory, filtered and paged by the server (both roles). */
export function GoogleContacts() {
  const { t } = useMivoiceTranslation();
  const titleId = useId();
  const paging = usePagedFilter(CONTACTS_PAGE_SIZE);
  const query = useGoogleContacts(paging.page);
  const contacts = query.data?.items ?? NO_CONTACTS;
  const total = query.data?.total;
  // A sync can shrink the directory under the page shown.
  useKeepPageWithin(paging, query.isPlaceholderData ? undefined : total);

  return (
    <section
      aria-labelledby={titleId}
      className="space-y-2 border-t border-gray-100 pt-3"
      data-testid="google-contacts"
    >
      <h3 id={titleId} className="text-sm font-semibold text-gray-900">
        {t('google.contacts.title')}
      </h3>
      <SearchFilter
        label={t('google.contacts.filters')}
        fieldLabel={t('google.contacts.search')}
        onApply={paging.applyFilter}
        testIdPrefix="contacts"
      />
      {query.isError && <QueryErrorAlert query={query} />}
      <PageRange
        label={t('google.contacts.pager')}
        page={paging.page}
        shown={contacts.length}
        total={query.data?.total}
        busy={query.isPlaceholderData}
        onPrevious={paging.previous}
        onNext={paging.next}
        testIdPrefix="contacts"
      />
      {query.isPending ? (
        <LoadingState label={t('common:loading')} />
      ) : (
        <div
          role="region"
          aria-label={t('google.contacts.tableLabel')}
          tabIndex={0}
          className={tableRegionClasses}
        >
          <table
            aria-label={t('google.contacts.tableLabel')}
            className="w-full min-w-[40rem] border-separate border-spacing-0 text-sm"
            data-testid="contacts-table"
          >
            <thead>
              <tr>
                <th scope="col" className={thClasses}>
                  {t('google.contacts.name')}
                </th>
                <th scope="col" className={thClasses}>
                  {t('google.contacts.email')}
                </th>
                <th scope="col" className={thClasses}>
                  {t('google.contacts.phones')}
                </th>
              </tr>
            </thead>
            <tbody>
              {contacts.length === 0 && total !== undefined && (
                <tr>
                  <td
                    colSpan={3}
                    className="px-3 py-6 text-center text-sm text-gray-600"
                    data-testid="contacts-empty"
                  >
                    {total > 0
                      ? t('google.contacts.pageEmpty')
                      : paging.q
                        ? t('google.contacts.noMatches')
                        : t('google.contacts.empty')}
                  </td>
                </tr>
              )}
              {contacts.map((contact) => (
                <tr key={contact.primaryEmail} data-testid="contact-row">
                  <td className={tdClasses}>
                    {contact.fullName || [contact.givenName, contact.familyName].filter(Boolean).join(' ')}
                  </td>
                  <td className={`${tdClasses} break-all`}>{contact.primaryEmail}</td>
                  <td className={tdClasses}>
                    <ul className="space-y-0.5">
                      {contact.phones.map((phone, i) => (
                        <li key={i}>
                          <span className="font-mono text-xs">{phone.value}</span>
                          {phone.type && <span className="ml-1 text-xs text-gray-600">({phone.type})</span>}
                        </li>
                      ))}
                    </ul>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
