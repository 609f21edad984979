import { describe, expect, it } from 'vitest';
import { act, renderHook } from '@testing-library/react';
import { ApiRequestError } from '@/lib/api-client';
import { applyServerErrors } from '@/lib/form/server-errors';
import { useZodForm } from '@/lib/form/use-zod-form';
import { validationMessages } from '@/lib/form/zod-messages';
import { changeLanguage } from '@/lib/i18n';
import { addAreaCodes } from '../components/area-codes-field';
import {
  elementFormSchema,
  elementToValues,
  newElementValues,
  shownFields,
  toElementInput,
  type ElementFormValues,
} from '../utils/element-form';
import { ELEMENT_MESSAGE_OPTIONS } from '../utils/validation-messages';
import { makeMicc, makeMivb, MIVB_DEFAULTS } from './fixtures';

const messagesOf = (values: ElementFormValues) =>
  validationMessages(elementFormSchema, values, ELEMENT_MESSAGE_OPTIONS);

/** The field messages and the form-level one a failed save leaves on the dialog's form. */
function afterFailedSave(error: unknown, shown: readonly string[]) {
  const { result } = renderHook(() => {
    const form = useZodForm(elementFormSchema, { defaultValues: newElementValues('mivb') });
    void form.formState.errors;
    return form;
  });
  act(() => {
    applyServerErrors(result.current, error, { fields: shown as (keyof ElementFormValues)[] });
  });
  const { root, ...fields } = result.current.formState.errors;
  return {
    fields: Object.fromEntries(Object.entries(fields).map(([name, e]) => [name, e?.message])),
    alert: root?.server?.message ?? null,
  };
}

describe('element form', () => {
  it('sends only the fields of the chosen type and setup', () => {
    const values = { ...newElementValues('mivb', { mivb: MIVB_DEFAULTS }), ipAddress: '192.0.2.1' };
    expect(toElementInput(values)).toEqual({ type: 'mivb', setup: 'default', ipAddress: '192.0.2.1' });
    expect(toElementInput({ ...values, setup: 'custom' })).toEqual({
      type: 'mivb',
      setup: 'custom',
      ipAddress: '192.0.2.1',
      ...MIVB_DEFAULTS,
    });
    expect(toElementInput({ ...values, type: 'micc', setup: 'custom' })).toEqual({
      type: 'micc',
      setup: 'custom',
      ipAddress: '192.0.2.1',
      transportProtocol: 'http',
    });
    expect(shownFields('micc', 'custom')).toEqual([
      'type',
      'setup',
      'ipAddress',
      'transportProtocol',
      'openMediaLogonId',
      'openMediaPassword',
    ]);
    expect(shownFields('micc', 'default')).toEqual([
      'type',
      'setup',
      'ipAddress',
      'openMediaLogonId',
      'openMediaPassword',
    ]);
  });

  it('sends only the Open Media credentials that change, the password never unless typed', () => {
    const micc = { ...newElementValues('micc'), ipAddress: '192.0.2.1' };
    const base = { type: 'micc', setup: 'default', ipAddress: '192.0.2.1' };
    // New element: nothing typed, nothing sent; both typed, both sent.
    expect(toElementInput(micc)).toEqual(base);
    expect(
      toElementInput({ ...micc, openMediaLogonId: 'host-admin', openMediaPassword: ' s3cret ' }),
    ).toEqual({
      ...base,
      openMediaLogonId: 'host-admin',
      openMediaPassword: ' s3cret ',
    });
    // A password without a logon ID goes nowhere.
    expect(toElementInput({ ...micc, openMediaPassword: 'orphan' })).toEqual(base);
    // Editing a MiCC with stored credentials: unchanged logon ID and empty password are left out…
    const stored = elementToValues(makeMicc('m', '192.0.2.1', { openMediaLogonId: 'host-admin' }));
    expect(stored.openMediaLogonId).toBe('host-admin');
    expect(stored.openMediaPassword).toBe('');
    expect(toElementInput(stored, 'host-admin')).toEqual(base);
    // …a new password alone is sent alone, and an emptied logon ID removes the credentials.
    expect(toElementInput({ ...stored, openMediaPassword: 'new' }, 'host-admin')).toEqual({
      ...base,
      openMediaPassword: 'new',
    });
    expect(toElementInput({ ...stored, openMediaLogonId: '', openMediaPassword: 'x' }, 'host-admin')).toEqual(
      {
        ...base,
        openMediaLogonId: '',
      },
    );
    // A MiVoice Business never carries them (its schema is strict).
    expect(toElementInput({ ...stored, type: 'mivb' }, 'host-admin')).toEqual({ ...base, type: 'mivb' });
  });

  it('reads an element back into the form, keeping the other type at its defaults', () => {
    const mivb = elementToValues(makeMivb('a', '192.0.2.5', { setup: 'custom', localAreaCodes: ['1', '2'] }));
    expect(mivb).toMatchObject({
      type: 'mivb',
      setup: 'custom',
      ipAddress: '192.0.2.5',
      transportProtocol: 'http',
    });
    expect(mivb.localAreaCodes).toEqual(['1', '2']);
    expect(elementToValues(makeMicc('b', '192.0.2.6', { transportProtocol: 'https' }))).toMatchObject({
      transportProtocol: 'https',
      outsidePrefix: '9',
    });
  });

  it('trims with the shared schema and names every field in error, in the console language', async () => {
    const ok = elementFormSchema.safeParse({ ...newElementValues('mivb'), ipAddress: '  192.0.2.8 ' });
    expect(ok).toEqual({ success: true, data: { type: 'mivb', setup: 'default', ipAddress: '192.0.2.8' } });

    const bad: ElementFormValues = {
      ...newElementValues('mivb'),
      setup: 'custom',
      ipAddress: 'nope',
      outsidePrefix: '123456',
      localCountryCode: '',
      localAreaCodes: ['61x'],
      maxExtensionLength: '0',
    };
    const { 'localAreaCodes.0': areaCode, ...fields } = messagesOf(bad);
    expect({ ...fields, localAreaCodes: areaCode }).toEqual({
      ipAddress: 'IP Address must be an IPv4 (e.g. 192.0.2.10) or IPv6 (e.g. 2001:db8::10) address',
      outsidePrefix: 'Outside Prefix is at most 5 digits',
      localCountryCode: 'Local Country Code is required',
      localAreaCodes: 'Local Area Code 61x accepts digits only',
      maxExtensionLength: 'Max Extension Length must be between 1 and 10',
    });
    expect(messagesOf({ ...bad, localAreaCodes: ['1', '1'], ipAddress: '' })).toMatchObject({
      ipAddress: 'IP Address is required',
      localAreaCodes: 'Local Area Codes lists a code twice',
    });
    await changeLanguage('fr');
    try {
      expect(messagesOf(bad).localCountryCode).toBe('Indicatif du pays local : valeur obligatoire');
    } finally {
      await changeLanguage('en');
    }
  });

  it('puts server messages on the fields shown, anything else in an alert', () => {
    const onIp = new ApiRequestError({
      status: 409,
      code: 'conflict',
      message: 'Duplicate',
      fields: { ipAddress: 'Already configured' },
    });
    expect(afterFailedSave(onIp, shownFields('mivb', 'default'))).toEqual({
      fields: { ipAddress: 'Already configured' },
      alert: null,
    });

    const onCode = new ApiRequestError({
      status: 400,
      code: 'validation_failed',
      message: 'Invalid',
      fields: { 'localAreaCodes.1': 'Bad code' },
    });
    expect(afterFailedSave(onCode, shownFields('mivb', 'custom')).fields).toEqual({
      localAreaCodes: 'Bad code',
    });
    // Not shown with a Default setup: the message goes to the alert.
    expect(afterFailedSave(onCode, shownFields('mivb', 'default'))).toEqual({
      fields: {},
      alert: 'Invalid',
    });

    const bare = new ApiRequestError({
      status: 409,
      code: 'conflict',
      message: 'At most 250 MiVoice Business elements',
    });
    expect(afterFailedSave(bare, shownFields('mivb', 'default')).alert).toBe(
      'At most 250 MiVoice Business elements',
    );
  });

  it('adds comma or space separated area codes without duplicates', () => {
    expect(addAreaCodes(['613'], ' 819, 873 613;905 ')).toEqual(['613', '819', '873', '905']);
    expect(addAreaCodes([], ' , ')).toEqual([]);
  });
});
