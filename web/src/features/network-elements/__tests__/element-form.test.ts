import { describe, expect, it } from 'vitest';
import { ApiRequestError } from '@/lib/api-client';
import { i18n } from '@/lib/i18n';
import { addAreaCodes } from '../components/area-codes-field';
import {
  elementToValues,
  newElementValues,
  shownFields,
  toElementInput,
  validateElement,
} from '../utils/element-form';
import { issuesToFieldErrors, serverErrorDisplay } from '../utils/validation-messages';
import { makeMicc, makeMivb, MIVB_DEFAULTS } from './fixtures';

const t = i18n.getFixedT('en', 'networkElements');
const tFr = i18n.getFixedT('fr', 'networkElements');

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
    expect(shownFields('micc', 'custom')).toEqual(['type', 'setup', 'ipAddress', 'transportProtocol']);
  });

  it('reads an element back into the form, keeping the other type at its defaults', () => {
    const mivb = elementToValues(makeMivb('a', '192.0.2.5', { setup: 'custom', localAreaCodes: ['1', '2'] }));
    expect(mivb).toMatchObject({
      type: 'mivb',
      setup: 'custom',
      ipAddress: '192.0.2.5',
      micc: { transportProtocol: 'http' },
    });
    expect(mivb.mivb.localAreaCodes).toEqual(['1', '2']);
    expect(elementToValues(makeMicc('b', '192.0.2.6', { transportProtocol: 'https' })).micc).toEqual({
      transportProtocol: 'https',
    });
  });

  it('trims with the shared schema and names every field in error, in the console language', () => {
    const ok = validateElement({ ...newElementValues('mivb'), ipAddress: '  192.0.2.8 ' });
    expect(ok).toEqual({ success: true, data: { type: 'mivb', setup: 'default', ipAddress: '192.0.2.8' } });

    const values = newElementValues('mivb');
    const bad = validateElement({
      ...values,
      setup: 'custom',
      ipAddress: 'nope',
      mivb: {
        ...values.mivb,
        outsidePrefix: '123456',
        localCountryCode: '',
        localAreaCodes: ['61x'],
        maxExtensionLength: '0',
      },
    });
    if (bad.success) throw new Error('expected issues');
    expect(issuesToFieldErrors(bad.issues, bad.input, t)).toEqual({
      ipAddress: 'IP Address must be an IPv4 (e.g. 192.0.2.10) or IPv6 (e.g. 2001:db8::10) address',
      outsidePrefix: 'Outside Prefix is at most 5 digits',
      localCountryCode: 'Local Country Code is required',
      localAreaCodes: 'Local Area Code 61x accepts digits only',
      maxExtensionLength: 'Max Extension Length must be between 1 and 10',
    });
    expect(issuesToFieldErrors(bad.issues, bad.input, tFr).localCountryCode).toBe(
      'Indicatif du pays local : valeur obligatoire',
    );
  });

  it('puts server messages on the fields shown, anything else in an alert', () => {
    const onIp = new ApiRequestError({
      status: 409,
      code: 'conflict',
      message: 'Duplicate',
      fields: { ipAddress: 'Already configured' },
    });
    expect(serverErrorDisplay(onIp, shownFields('mivb', 'default'))).toEqual({
      fields: { ipAddress: 'Already configured' },
      alert: null,
    });

    const onCode = new ApiRequestError({
      status: 400,
      code: 'validation_failed',
      message: 'Invalid',
      fields: { 'localAreaCodes.1': 'Bad code' },
    });
    expect(serverErrorDisplay(onCode, shownFields('mivb', 'custom')).fields).toEqual({
      localAreaCodes: 'Bad code',
    });
    // Not shown with a Default setup: the message goes to the alert.
    expect(serverErrorDisplay(onCode, shownFields('mivb', 'default'))).toEqual({
      fields: {},
      alert: 'Invalid',
    });

    const bare = new ApiRequestError({
      status: 409,
      code: 'conflict',
      message: 'At most 250 MiVoice Business elements',
    });
    expect(serverErrorDisplay(bare, shownFields('mivb', 'default')).alert).toBe(
      'At most 250 MiVoice Business elements',
    );
  });

  it('adds comma or space separated area codes without duplicates', () => {
    expect(addAreaCodes(['613'], ' 819, 873 613;905 ')).toEqual(['613', '819', '873', '905']);
    expect(addAreaCodes([], ' , ')).toEqual([]);
  });
});
