import type { NetworkElementType } from '@oig/shared';
import { useTranslation } from 'react-i18next';
import type { DefaultsByType } from '../api/get-network-element-defaults';
import { MIVB_FIELDS } from '../utils/element-form';

interface DefaultsSummaryProps {
  type: NetworkElementType;
  defaults: DefaultsByType[NetworkElementType] | undefined;
  id?: string;
}

/** Read-only: the values a Default element of this type will use. */
export function DefaultsSummary({ type, defaults, id }: DefaultsSummaryProps) {
  const { t } = useTranslation('networkElements');
  const rows: Array<[string, string]> = [];
  if (defaults && type === 'mivb' && 'outsidePrefix' in defaults) {
    for (const field of MIVB_FIELDS) {
      const value = field === 'localAreaCodes' ? defaults.localAreaCodes.join(', ') : defaults[field];
      rows.push([t(`fields.${field}`), value || t('form.emptyValue')]);
    }
  } else if (defaults && type === 'micc' && 'transportProtocol' in defaults) {
    rows.push([t('fields.transportProtocol'), t(`protocols.${defaults.transportProtocol}`)]);
  }
  return (
    <div
      id={id}
      className="rounded-md border border-gray-200 bg-gray-50 px-3 py-2 text-sm text-gray-700"
      data-testid="defaults-summary"
    >
      <p>{rows.length > 0 ? t('form.defaultsUsed') : t('form.defaultsLoading')}</p>
      {rows.length > 0 && (
        <dl className="mt-1.5 grid grid-cols-[auto_1fr] gap-x-4 gap-y-0.5">
          {rows.map(([label, value]) => (
            <div key={label} className="contents">
              <dt className="text-gray-600">{label}</dt>
              <dd className="font-mono text-gray-900">{value}</dd>
            </div>
          ))}
        </dl>
      )}
    </div>
  );
}
