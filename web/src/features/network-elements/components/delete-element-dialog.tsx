import type { NetworkElement } from '@oig/shared';
import { useTranslation } from 'react-i18next';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { useToast } from '@/components/ui/toast';
import { errorMessage } from '@/lib/errors';
import { useDeleteNetworkElement } from '../api/delete-network-element';

interface DeleteElementDialogProps {
  element: NetworkElement | null;
  /** `deleted`: the element is gone (its row and Delete button too). */
  onClose: (deleted: boolean) => void;
}

/** Names the element (type and address) before anything is sent. */
export function DeleteElementDialog({ element, onClose }: DeleteElementDialogProps) {
  const { t } = useTranslation(['networkElements', 'common']);
  const toast = useToast();
  const remove = useDeleteNetworkElement();

  const confirm = async () => {
    if (!element) return;
    let deleted = false;
    try {
      await remove.mutateAsync(element.id);
      deleted = true;
      toast.success(t('toasts.deleted', { ip: element.ipAddress }));
    } catch (error) {
      toast.error(t('toasts.deleteFailed', { message: errorMessage(error) }));
    } finally {
      onClose(deleted);
    }
  };

  return (
    <ConfirmDialog
      open={element !== null}
      title={t('delete.title')}
      confirmLabel={remove.isPending ? t('actions.deleting') : t('actions.delete')}
      cancelLabel={t('common:cancel')}
      onConfirm={() => void confirm()}
      onCancel={() => onClose(false)}
      busy={remove.isPending}
    >
      {element && (
        <>
          <p className="font-medium text-gray-900" data-testid="delete-element-name">
            {t('delete.body', { type: t(`types.${element.type}`), ip: element.ipAddress })}
          </p>
          <p className="mt-2">{t('delete.bodyWarning')}</p>
        </>
      )}
    </ConfirmDialog>
  );
}
