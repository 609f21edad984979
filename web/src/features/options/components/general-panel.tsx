import { LOGGING_LEVELS, updateOptionsRequestSchema, type Options } from '@oig/shared';
import { z } from 'zod';
import { useWatch } from 'react-hook-form';
import { useTranslation } from 'react-i18next';
import { Button } from '@/components/ui/button';
import { CollapsiblePanel } from '@/components/ui/collapsible-panel';
import { FormErrorAlert } from '@/components/form/form-alert';
import { SelectField } from '@/components/ui/form-field';
import { ReadOnlyBadge } from '@/components/ui/read-only-badge';
import { useToast } from '@/components/ui/toast';
import { applyServerErrors } from '@/lib/form/server-errors';
import { useZodForm } from '@/lib/form/use-zod-form';
import { useUpdateOptions } from '../api/update-options';
import { useLoggingLevelLabels } from './logging-levels';

/** The logging-level part of PUT /options (the request also takes the report address). */
const loggingLevelFormSchema = z.object({
  loggingLevel: updateOptionsRequestSchema.shape.loggingLevel.unwrap(),
});

interface GeneralPanelProps {
  options: Options;
  canEdit: boolean;
}

/** "General": the logging level (administrators change it) and the configured keep-alive timeouts. */
export function GeneralPanel({ options, canEdit }: GeneralPanelProps) {
  const { t } = useTranslation('options');
  const toast = useToast();
  const update = useUpdateOptions();
  const labels = useLoggingLevelLabels();
  // A new value from the server (after a save, or another administrator's change) replaces the choice.
  const form = useZodForm(loggingLevelFormSchema, { values: { loggingLevel: options.loggingLevel } });
  const { errors } = form.formState;
  const level = useWatch({ control: form.control, name: 'loggingLevel' });

  const save = form.handleSubmit(async (request) => {
    try {
      const saved = await update.mutateAsync(request);
      toast.success(t('general.saved', { level: labels[saved.loggingLevel].name }));
    } catch (error) {
      applyServerErrors(form, error, { alwaysAlert: true });
    }
  });

  const explanations = (
    // Spans, not a list: FieldShell puts the hint inside a <p>.
    <span className="block space-y-0.5" data-testid="logging-level-help">
      {LOGGING_LEVELS.map((l) => (
        <span key={l} className={`block ${l === level ? 'text-gray-800' : ''}`}>
          <span className="font-medium">{labels[l].name}</span>: {labels[l].help}
        </span>
      ))}
    </span>
  );

  return (
    <CollapsiblePanel
      title={t('general.title')}
      aside={canEdit ? undefined : <ReadOnlyBadge label={t('readOnly')} hint={t('readOnlyHint')} />}
      data-testid="general-panel"
    >
      <div className="grid gap-6 md:grid-cols-2">
        {canEdit ? (
          <form
            onSubmit={(e) => void save(e)}
            noValidate
            aria-label={t('general.formLabel')}
            className="space-y-3"
            data-testid="logging-level-form"
          >
            <SelectField
              label={t('general.loggingLevel')}
              {...form.register('loggingLevel')}
              options={LOGGING_LEVELS.map((l) => ({ value: l, label: labels[l].option }))}
              hint={explanations}
              error={errors.loggingLevel?.message}
              disabled={update.isPending}
              data-testid="logging-level-select"
            />
            <FormErrorAlert errors={errors} />
            <Button
              type="submit"
              variant="primary"
              busy={update.isPending}
              disabled={level === options.loggingLevel}
              data-testid="logging-level-save"
            >
              {t('general.save')}
            </Button>
          </form>
        ) : (
          <dl className="space-y-1">
            <dt className="text-sm font-medium text-gray-800">{t('general.loggingLevel')}</dt>
            <dd className="text-sm text-gray-900" data-testid="logging-level-value">
              {labels[options.loggingLevel].option}
            </dd>
            <dd className="text-xs text-gray-600">{explanations}</dd>
          </dl>
        )}
        <dl className="space-y-1" data-testid="keepalive">
          <dt className="text-sm font-medium text-gray-800">{t('general.keepAlive')}</dt>
          <dd className="text-sm text-gray-900" data-testid="keepalive-soap">
            {t('general.keepAliveSoap', { seconds: options.keepAlive.soapSeconds })}
          </dd>
          <dd className="text-sm text-gray-900" data-testid="keepalive-rest">
            {t('general.keepAliveRest', { seconds: options.keepAlive.restSeconds })}
          </dd>
          <dd className="text-xs text-gray-600">
            {t('general.keepAliveSource', { soap: 'OIG_SOAP_KEEPALIVE_S', rest: 'OIG_REST_KEEPALIVE_S' })}
          </dd>
        </dl>
      </div>
    </CollapsiblePanel>
  );
}
