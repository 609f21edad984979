import { useRef, type ReactNode } from 'react';
import { Dialog, DialogActions } from './dialog';

interface ConfirmDialogProps {
  open: boolean;
  title: string;
  children?: ReactNode;
  confirmLabel: string;
  cancelLabel: string;
  onConfirm: () => void;
  onCancel: () => void;
  /** While true the buttons are disabled and Escape does nothing. */
  busy?: boolean;
  tone?: 'danger' | 'primary';
}

/** Modal confirmation on the shared Dialog; focus starts on Cancel, the safe choice. */
export function ConfirmDialog({
  open,
  title,
  children,
  confirmLabel,
  cancelLabel,
  onConfirm,
  onCancel,
  busy = false,
  tone = 'danger',
}: ConfirmDialogProps) {
  const cancelRef = useRef<HTMLButtonElement>(null);
  return (
    <Dialog
      open={open}
      title={title}
      description={children}
      onClose={onCancel}
      busy={busy}
      initialFocusRef={cancelRef}
      footer={
        <DialogActions
          cancelLabel={cancelLabel}
          submitLabel={confirmLabel}
          onCancel={onCancel}
          onConfirm={onConfirm}
          busy={busy}
          tone={tone}
          cancelRef={cancelRef}
        />
      }
    />
  );
}
