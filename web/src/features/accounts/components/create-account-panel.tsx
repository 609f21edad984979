import type { AclApplication } from '@oig/shared';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button';
import { CollapsiblePanel } from '@/components/ui/collapsible-panel';
import { FormErrorAlert } from '@/components/form/form-alert';
import { ErrorAlert } from '@/components/ui/error-alert';
import { SelectField } from '@/components/ui/form-field';
import { LoadingState } from '@/components/ui/spinner';
import { useToast } from '@/components/ui/toast';
import { errorMessage } from '@/lib/errors';
import { applyServerErrors } from '@/lib/form/server-errors';
import { useZodForm } from '@/lib/form/use-zod-form';
import { useCreateAccount } from '../api/create-account';
import { useAcl } from '../api/get-acl';
import { accountId } from '../utils/account-path';
import { createAccountFormSchema, PASSWORD_MESSAGES, SERVER_NAMES } from '../utils/password-form';
import { PasswordFields } from './password-fields';

const EMPTY = { application: '', localPassword: '', confirm: '' };

/** "Create Application Local Password": for an application of the list that has none yet. */
export function CreateAccountPanel() {
  const { t } = useTranslation(['accounts', 'common']);
  const toast = useToast();
  const acl = useAcl();
  const create = useCreateAccount();
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
  const form = useZodForm(createAccountFormSchema(new Set(byId.keys())), {
    defaultValues: EMPTY,
    messages: PASSWORD_MESSAGES,
    untrimmed: ['localPassword', 'confirm'],
  });
  const { errors } = form.formState;

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

  const submit = form.handleSubmit(async ({ application, localPassword }) => {
    const chosen = byId.get(application);
    if (!chosen) return;
    const names = { application: chosen.applicationName, company: chosen.companyName };
    try {
      await create.mutateAsync({
        companyName: chosen.companyName,
        applicationName: chosen.applicationName,
        localPassword,
      });
      toast.success(t('create.done', names));
      form.reset(EMPTY);
    } catch (error) {
      applyServerErrors(form, error, { names: SERVER_NAMES, alwaysAlert: true });
    }
  });

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
        onSubmit={(e) => void submit(e)}
        aria-label={t('panels.create')}
        className="max-w-xl space-y-4"
        data-testid="create-account-form"
      >
        <p className="text-sm text-gray-700">{t('create.intro')}</p>
        <FormErrorAlert errors={errors} />
        <SelectField
          label={t('create.application')}
          options={options}
          {...form.register('application')}
          error={errors.application?.message}
          required
          disabled={create.isPending}
          data-testid="create-application"
        />
        <PasswordFields
          localPassword={form.register('localPassword')}
          confirm={form.register('confirm')}
          errors={{ localPassword: errors.localPassword?.message, confirm: errors.confirm?.message }}
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
