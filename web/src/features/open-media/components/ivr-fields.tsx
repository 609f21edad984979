import { OPEN_MEDIA_LIMITS } from '@oig/shared';
import { useId } from 'react';
import type { FieldErrors, UseFormRegisterReturn } from 'react-hook-form';
import { Button } from '@/components/ui/button';
import { TextField } from '@/components/ui/form-field';
import { fieldMessage } from '@/lib/form/field-message';
import { useOpenMediaTranslation } from '../i18n';
import type { IvrRow } from '../utils/forms';

export type IvrPath = `ivrInfo.${number}.label` | `ivrInfo.${number}.data` | 'privateData';

/** The message under one of these fields in a form's errors. */
export function ivrFieldError(
  errors: FieldErrors<{ ivrInfo: IvrRow[]; privateData: string }>,
  path: IvrPath | 'ivrInfo',
): string | undefined {
  if (path === 'ivrInfo' || path === 'privateData') return fieldMessage(errors[path]);
  const [, index, key] = path.split('.') as [string, string, 'label' | 'data'];
  return fieldMessage(errors.ivrInfo?.[Number(index)]?.[key]);
}

interface IvrFieldsProps {
  /** The rows of the form's field array (their keys). */
  rows: readonly { id: string }[];
  register: (path: IvrPath) => UseFormRegisterReturn;
  /** The message under a field, if any. */
  error: (path: IvrPath | 'ivrInfo') => string | undefined;
  onAdd: () => void;
  onRemove: (index: number) => void;
}

/** Up to three IVR label/data rows, then the private data: what an agent's application receives. */
export function IvrFields({ rows, register, error, onAdd, onRemove }: IvrFieldsProps) {
  const { t } = useOpenMediaTranslation();
  const hintId = useId();
  // The schema's own limits, plus a little so that its message can explain an overflow.
  const slack = 5;
  return (
    <>
      <fieldset className="space-y-3" aria-describedby={hintId}>
        <legend className="text-sm font-medium text-gray-800">{t('ivr.legend')}</legend>
        <p id={hintId} className="text-xs text-gray-600">
          {t('ivr.hint')}
        </p>
        {rows.map((row, i) => (
          <div
            key={row.id}
            className="grid items-end gap-2 sm:grid-cols-[1fr_1fr_auto]"
            data-testid="ivr-row"
          >
            <TextField
              label={t('ivr.label', { n: i + 1 })}
              {...register(`ivrInfo.${i}.label`)}
              error={error(`ivrInfo.${i}.label`)}
              maxLength={OPEN_MEDIA_LIMITS.ivrLabel + slack}
              autoComplete="off"
            />
            <TextField
              label={t('ivr.data', { n: i + 1 })}
              {...register(`ivrInfo.${i}.data`)}
              error={error(`ivrInfo.${i}.data`)}
              maxLength={OPEN_MEDIA_LIMITS.ivrData + slack}
              autoComplete="off"
            />
            <Button variant="ghost" onClick={() => onRemove(i)} disabled={rows.length === 1}>
              {t('ivr.removeRow', { n: i + 1 })}
            </Button>
          </div>
        ))}
        {error('ivrInfo') && <p className="text-xs font-medium text-red-700">{error('ivrInfo')}</p>}
        {rows.length < OPEN_MEDIA_LIMITS.ivrInfo && (
          <Button size="sm" onClick={onAdd} data-testid="ivr-add-row">
            {t('ivr.addRow')}
          </Button>
        )}
      </fieldset>
      <TextField
        label={t('ivr.privateData')}
        {...register('privateData')}
        error={error('privateData')}
        hint={t('ivr.privateDataHint')}
        maxLength={OPEN_MEDIA_LIMITS.privateData + slack}
        autoComplete="off"
      />
    </>
  );
}
