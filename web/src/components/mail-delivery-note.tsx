import { useTranslation } from 'react-i18next';
import { cx } from '@/lib/class-names';
import { useMailDelivery } from '@/lib/mail-delivery';

/**
 * Beside a button that sends mail: when no SMTP server is set, says that messages are saved as
 * .eml files in the outbox folder (and where), not e-mailed. Nothing while a server is set or the
 * settings are not known yet.
 */
export function MailDeliveryNote({
  className,
  testId = 'mail-delivery-note',
}: {
  className?: string;
  testId?: string;
}) {
  const { t } = useTranslation('common');
  const delivery = useMailDelivery();
  if (!delivery?.toFile) return null;
  return (
    <p
      role="note"
      className={cx(
        'flex items-start gap-2 rounded-md border border-blue-200 bg-blue-50 px-3 py-2 text-xs text-blue-950',
        className,
      )}
      data-testid={testId}
    >
      <svg viewBox="0 0 20 20" fill="currentColor" className="mt-px size-4 shrink-0" aria-hidden="true">
        <path d="M10 2a8 8 0 1 0 0 16 8 8 0 0 0 0-16Zm-.9 4h1.8v1.8H9.1V6Zm0 3.4h1.8V14H9.1V9.4Z" />
      </svg>
      <span>{t('mailDelivery.note', { folder: delivery.folder })}</span>
    </p>
  );
}
