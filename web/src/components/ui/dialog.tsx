import {
  useEffect,
  useId,
  useRef,
  type FormEvent,
  type KeyboardEvent,
  type ReactNode,
  type Ref,
  type RefObject,
} from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import { Button } from './button';
import { cx } from '@/lib/class-names';

export interface DialogProps {
  open: boolean;
  title: string;
  /** Short text under the title (becomes the dialog's accessible description). */
  description?: ReactNode;
  children?: ReactNode;
  /** Buttons, right-aligned in the footer. */
  footer: ReactNode;
  onClose: () => void;
  /** While true, Escape and the backdrop do nothing (a request is in flight). */
  busy?: boolean;
  /** Where focus goes on open; default: the first focusable control. */
  initialFocusRef?: RefObject<HTMLElement | null>;
  /** With onSubmit the body is a <form>: Enter submits, and a submit button in the footer works. */
  onSubmit?: (event: FormEvent<HTMLFormElement>) => void;
  size?: 'md' | 'lg';
  testId?: string;
}

const FOCUSABLE =
  'button:not([disabled]), [href], input:not([disabled]), select:not([disabled]), ' +
  'textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * Modal dialog: role=dialog + aria-modal, focus moves in and stays in (Tab wraps), Escape or
 * the backdrop closes (unless busy), the page behind is inert, focus returns to the opener.
 */
export function Dialog(props: DialogProps) {
  if (!props.open) return null;
  return createPortal(<DialogPanel {...props} />, document.body);
}

function DialogPanel({
  title,
  description,
  children,
  footer,
  onClose,
  busy = false,
  initialFocusRef,
  onSubmit,
  size = 'md',
  testId,
}: DialogProps) {
  const id = useId();
  const panelRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    const first =
      initialFocusRef?.current ?? panelRef.current?.querySelector<HTMLElement>(FOCUSABLE) ?? panelRef.current;
    first?.focus();
    const root = document.getElementById('root');
    const wasInert = root?.inert ?? false;
    if (root) root.inert = true;
    return () => {
      if (root) root.inert = wasInert;
      if (opener?.isConnected) opener.focus();
    };
    // Only on open: later renders must not move the user's focus.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  useEffect(() => {
    if (busy && panelRef.current && !panelRef.current.contains(document.activeElement))
      panelRef.current.focus();
  }, [busy]);

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>) => {
    if (event.key === 'Escape') {
      event.stopPropagation();
      if (!busy) onClose();
      return;
    }
    if (event.key !== 'Tab' || !panelRef.current) return;
    const focusable = Array.from(panelRef.current.querySelectorAll<HTMLElement>(FOCUSABLE));
    const first = focusable[0];
    const last = focusable[focusable.length - 1];
    if (!first || !last) {
      event.preventDefault();
      return;
    }
    const active = document.activeElement;
    if (event.shiftKey && (active === first || active === panelRef.current)) {
      event.preventDefault();
      last.focus();
    } else if (!event.shiftKey && active === last) {
      event.preventDefault();
      first.focus();
    }
  };

  // The title and the footer stay put; what is between them scrolls when the dialog is taller
  // than the screen (a phone, a long form), so the buttons are always in reach.
  const body = (
    <>
      <div className="min-h-0 flex-1 overflow-y-auto px-4 pt-4 sm:px-5 sm:pt-5" data-testid="dialog-body">
        <h2 id={`${id}-title`} className="text-lg font-semibold break-words text-gray-900">
          {title}
        </h2>
        {description && (
          <div id={`${id}-desc`} className="mt-1 text-sm break-words text-gray-600">
            {description}
          </div>
        )}
        {children && <div className="mt-4 space-y-4 pb-1">{children}</div>}
        <div className="h-4 sm:h-5" aria-hidden="true" />
      </div>
      <div
        className={cx(
          'flex shrink-0 flex-wrap justify-end gap-2 rounded-b-lg border-t border-gray-200 bg-gray-50',
          'px-4 py-3 sm:px-5',
        )}
      >
        {footer}
      </div>
    </>
  );

  return (
    <div className="fixed inset-0 z-50 flex items-center justify-center p-3 sm:p-4">
      <div
        className="fixed inset-0 bg-gray-900/50"
        aria-hidden="true"
        onClick={busy ? undefined : onClose}
        data-testid="dialog-backdrop"
      />
      {/* The dialog itself traps Tab and closes on Escape (WAI-ARIA modal dialog pattern). */}
      {/* eslint-disable-next-line jsx-a11y/no-noninteractive-element-interactions */}
      <div
        ref={panelRef}
        role="dialog"
        aria-modal="true"
        aria-labelledby={`${id}-title`}
        aria-describedby={description ? `${id}-desc` : undefined}
        aria-busy={busy || undefined}
        tabIndex={-1}
        onKeyDown={onKeyDown}
        data-testid={testId}
        className={cx(
          'relative flex max-h-full w-full min-w-0 flex-col',
          size === 'lg' ? 'max-w-2xl' : 'max-w-lg',
          'rounded-lg bg-white shadow-xl outline-none',
        )}
      >
        {onSubmit ? (
          <form
            noValidate
            className="flex min-h-0 flex-1 flex-col"
            onSubmit={(event) => {
              event.preventDefault();
              if (!busy) onSubmit(event);
            }}
          >
            {body}
          </form>
        ) : (
          body
        )}
      </div>
    </div>
  );
}

interface DialogActionsProps {
  cancelLabel: string;
  submitLabel: string;
  onCancel: () => void;
  /** While true both buttons are disabled and the primary one shows a spinner. */
  busy: boolean;
  /** Without it the primary button submits the dialog's form (Dialog onSubmit); with it, it is a plain button. */
  onConfirm?: () => void;
  tone?: 'primary' | 'danger';
  /** Disables the primary button beyond busy (e.g. nothing loaded yet to save). */
  submitDisabled?: boolean;
  /** data-testid of the buttons: `${testIdPrefix}-cancel` and `${testIdPrefix}-${submitTestId}`. */
  testIdPrefix?: string;
  submitTestId?: 'submit' | 'save';
  cancelRef?: Ref<HTMLButtonElement>;
}

/** The usual dialog footer: Cancel, then the primary action with a spinner while its request is in flight. */
export function DialogActions({
  cancelLabel,
  submitLabel,
  onCancel,
  busy,
  onConfirm,
  tone = 'primary',
  submitDisabled,
  testIdPrefix,
  submitTestId = 'submit',
  cancelRef,
}: DialogActionsProps) {
  return (
    <>
      <Button
        ref={cancelRef}
        onClick={onCancel}
        disabled={busy}
        data-testid={testIdPrefix ? `${testIdPrefix}-cancel` : undefined}
      >
        {cancelLabel}
      </Button>
      <Button
        type={onConfirm ? 'button' : 'submit'}
        variant={tone}
        onClick={onConfirm}
        busy={busy}
        disabled={submitDisabled}
        data-testid={testIdPrefix ? `${testIdPrefix}-${submitTestId}` : undefined}
      >
        {submitLabel}
      </Button>
    </>
  );
}

interface FormDialogProps
  extends
    Omit<DialogProps, 'open' | 'footer' | 'onSubmit' | 'busy' | 'testId'>,
    Pick<DialogActionsProps, 'submitLabel' | 'tone' | 'submitDisabled' | 'submitTestId'> {
  onSubmit: () => void;
  /** A request is in flight: Escape, the backdrop and both buttons do nothing. */
  busy: boolean;
  /** data-testid of the dialog, `${testIdPrefix}-dialog`, and of its buttons (see DialogActions). */
  testIdPrefix: string;
}

/**
 * A dialog whose body is a form, with Cancel (closes it) and the submit button in its footer. Mount
 * it only while open.
 */
export function FormDialog({
  onSubmit,
  submitLabel,
  busy,
  testIdPrefix,
  tone,
  submitDisabled,
  submitTestId,
  ...dialog
}: FormDialogProps) {
  const { t } = useTranslation('common');
  return (
    <Dialog
      {...dialog}
      open
      busy={busy}
      onSubmit={() => onSubmit()}
      testId={`${testIdPrefix}-dialog`}
      footer={
        <DialogActions
          cancelLabel={t('cancel')}
          submitLabel={submitLabel}
          onCancel={dialog.onClose}
          busy={busy}
          tone={tone}
          submitDisabled={submitDisabled}
          testIdPrefix={testIdPrefix}
          submitTestId={submitTestId}
        />
      }
    />
  );
}
