import type { AclApplication } from '@oig/shared';
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button';
import { CollapsiblePanel } from '@/components/ui/collapsible-panel';
import { ErrorAlert } from '@/components/ui/error-alert';
import { SelectField } from '@/components/ui/form-field';
import { LoadingState } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';
import { errorMessage, fieldErrors } from '@/lib/errors';
import { useCreateAccount } from '../api/create-account';
import { useAcl } from '../api/get-acl';
import { accountId } from '../utils/account-path';
import {
  hasErrors,
  validatePasswords,
  type PasswordErrors,
  type PasswordValues,
} from '../utils/validate-password';
import { PasswordFields } from './password-fields';

interface FormValues extends PasswordValues {
  /** accountId() of the chosen ACL entry, '' for none. */
  application: string;
}
type FormErrors = PasswordErrors & { application?: string };

const EMPTY: FormValues = { application: '', localPassword: '', confirm: '' };

/** "Create Application Local Password": for an application of the list that has none yet. */
export function CreateAccountPanel() {
  const { t } = useTranslation(['accounts', 'common']);
  const toast = useToast();
  const acl = useAcl();
  const create = useCreateAccount();
  const [values, setValues] = useState<FormValues>(EMPTY);
  const [errors, setErrors] = useState<FormErrors>({});

  const candidates = useMemo(() => {
    const list = (acl.data?.applications ?? []).filter((a) => !a.hasLocalPassword);
    return [...list].sort(
      (a, b) =>
        a.applicationName.localeCompare(b.applicationName) || a.companyName.localeCompare(b.companyName),
    );
  }, [acl.data]);
  const byId = useMemo(
    () => new Map<string, AclApplication>(candidates.map((a) => [accountId(a), a])),
    [candidates],
  );
  // The chosen application may have left the candidates (another administrator, a new list).
  const chosen = byId.get(values.application);

  const options = useMemo(
    () => [
      { value: '', label: t('create.placeholder') },
      ...candidates.map((a) => ({
        value: accountId(a),
        label: t('create.option', {
          application: a.applicationName,
          company: a.companyName,
          serviceType: t(`serviceTypes.${a.serviceType}`),
        }),
      })),
    ],
    [candidates, t],
  );

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (create.isPending) return;
    const next: FormErrors = validatePasswords(values, t);
    if (!chosen) next.application = t('create.applicationRequired');
    setErrors(next);
    if (hasErrors(next) || !chosen) return;
    const names = { application: chosen.applicationName, company: chosen.companyName };
    create.mutate(
      {
        companyName: chosen.companyName,
        applicationName: chosen.applicationName,
        localPassword: values.localPassword,
      },
      {
        onSuccess: () => {
          toast.success(t('create.done', names));
          setValues(EMPTY);
          setErrors({});
        },
      },
    );
  };

  const server = create.isError ? fieldErrors(create.error) : {};
  let body;
  if (acl.isPending) body = <LoadingState label={t('common:loading')} />;
  else if (!acl.data) body = <ErrorAlert>{errorMessage(acl.error)}</ErrorAlert>;
  else if (candidates.length === 0 && !create.isPending) {
    body = (
      <p className="text-sm text-gray-700" data-testid="create-none-available">
        {t('create.allHavePassword')}
      </p>
    );
  } else {
    body = (
      <form
        noValidate
        onSubmit={submit}
        aria-label={t('panels.create')}
        className="max-w-xl space-y-4"
        data-testid="create-account-form"
      >
        <p className="text-sm text-gray-700">{t('create.intro')}</p>
        {create.isError && <ErrorAlert>{errorMessage(create.error)}</ErrorAlert>}
        <SelectField
          name="application"
          label={t('create.application')}
          options={options}
          value={chosen ? values.application : ''}
          onChange={(e) => setValues((v) => ({ ...v, application: e.target.value }))}
          error={errors.application ?? server.applicationName ?? server.companyName}
          required
          disabled={create.isPending}
          data-testid="create-application"
        />
        <PasswordFields
          values={values}
          errors={{ localPassword: errors.localPassword ?? server.localPassword, confirm: errors.confirm }}
          onChange={(next) => setValues((v) => ({ ...v, ...next }))}
          labels={{ localPassword: t('password.label'), confirm: t('password.confirmLabel') }}
          disabled={create.isPending}
          testIdPrefix="create"
        />
        <Button type="submit" variant="primary" busy={create.isPending} data-testid="create-submit">
          {t('create.submit')}
        </Button>
      </form>
    );
  }

  return (
    <CollapsiblePanel title={t('panels.create')} data-testid="create-account-panel">
      {body}
    </CollapsiblePanel>
  );
}
