import { OPEN_MEDIA_CREDENTIAL_MAX } from '@oig/shared';
import type { UseFormRegisterReturn } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { TextField } from '@/components/ui/form-field';
import type { FieldErrors } from '../utils/element-form';

interface CredentialsFieldsProps {
  logonId: UseFormRegisterReturn<'openMediaLogonId'>;
  password: UseFormRegisterReturn<'openMediaPassword'>;
  /** The logon ID as typed: without one there is no password to give. */
  logonIdValue: string;
  /** What the MiCC being edited has stored (nothing for a new one). */
  stored: { logonId: boolean; password: boolean };
  errors: FieldErrors;
}

/**
 * The Open Media Service credentials of the MiCC. The password is write-only: never shown, empty
 * keeps the stored one; emptying the logon ID is how the credentials are removed.
 */
export function CredentialsFields({
  logonId,
  password,
  logonIdValue,
  stored,
  errors,
}: CredentialsFieldsProps) {
  const { t } = useTranslation('networkElements');
  const hasLogonId = logonIdValue.trim() !== '';
  return (
    <fieldset className="space-y-3" data-testid="open-media-credentials">
      <legend className="text-sm font-semibold text-gray-900">{t('form.credentials')}</legend>
      <p className="text-xs text-gray-600">{t('form.credentialsHint')}</p>
      <div className="grid gap-4 sm:grid-cols-2">
        <TextField
          label={t('fields.openMediaLogonId')}
          {...logonId}
          error={errors.openMediaLogonId}
          hint={stored.logonId ? t('form.logonIdClearHint') : t('form.logonIdHint')}
          // A little more than the schema allows, so that its message can explain an overflow.
          maxLength={OPEN_MEDIA_CREDENTIAL_MAX + 5}
          autoComplete="off"
          spellCheck={false}
          data-testid="field-openMediaLogonId"
        />
        <TextField
          label={t('fields.openMediaPassword')}
          {...password}
          type="password"
          error={errors.openMediaPassword}
          hint={stored.password ? t('form.passwordStored') : t('form.passwordHint')}
          disabled={!hasLogonId}
          maxLength={OPEN_MEDIA_CREDENTIAL_MAX + 5}
          // Not the console user's own password: keep the browser from filling it in.
          autoComplete="new-password"
          data-testid="field-openMediaPassword"
        />
      </div>
    </fieldset>
  );
}
