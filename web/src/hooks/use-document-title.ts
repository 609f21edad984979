import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';

/** Sets the browser tab title to "<page> – Mitel Open Integration Gateway". */
export function useDocumentTitle(page: string) {
  const { t } = useTranslation();
  const product = t('productName');
  useEffect(() => {
    document.title = page ? `${page} – ${product}` : product;
  }, [page, product]);
}
