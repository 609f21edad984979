import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { placeholdersOf } from '@oig/shared';
import { ENGLISH } from '../english.js';

/** The keys of a JSON object as written in the file, duplicates included (JSON.parse would hide them). */
const keysAsWritten = (file: string) =>
  [...readFileSync(new URL(`../strings/${file}`, import.meta.url), 'utf8').matchAll(/^ {2}"([^"]+)":/gm)].map(
    (m) => m[1],
  );

describe('built-in English strings (Appendix A)', () => {
  it('Google: 90 keys, each once, in the appendix order', () => {
    const written = keysAsWritten('google.en.json');
    expect(written).toHaveLength(90);
    expect(new Set(written).size).toBe(90);
    expect(ENGLISH.google.keys).toEqual(written);
    expect(ENGLISH.google.keys.slice(0, 3)).toEqual(['my_ext', 'enable_feature', 'add_new_contact']);
    expect(ENGLISH.google.keys.at(-1)).toBe('missed');
  });

  it('Salesforce: 94 keys, each once, in the appendix order', () => {
    const written = keysAsWritten('salesforce.en.json');
    expect(written).toHaveLength(94);
    expect(new Set(written).size).toBe(94);
    expect(ENGLISH.salesforce.keys).toEqual(written);
    expect(ENGLISH.salesforce.keys.slice(0, 3)).toEqual([
      'version_info',
      'enter_extension',
      'trans_call_err',
    ]);
    expect(ENGLISH.salesforce.keys.at(-1)).toBe('conf_call_err');
  });

  it('exact values, blanks trimmed', () => {
    const g = ENGLISH.google.text;
    const s = ENGLISH.salesforce.text;
    expect(g.get('duration_format')).toBe('{0} minutes, {1} seconds');
    expect(g.get('call_log_quick_note_label')).toBe('Quick Note {0}');
    expect(g.get('app_name')).toBe('MiVoice Integration for Google');
    expect(g.get('err_no_config')).toBe('Configure MiVoice using');
    expect(g.get('conference')).toBe('Conference');
    expect(g.get('err_not_verified')).toBe('Unauthorized phone number, {0}');
    expect(g.get('signed_in_as')).toBe('Signed in as {0}');
    expect(g.get('ringing_you_back')).toBe('Ringing You Back');
    expect(g.get('mivoice_business_ip')).toBe('Call Manager IP Address (optional)');
    expect(s.get('app_name')).toBe('MiVoice Integration for Salesforce');
    expect(s.get('version_info')).toBe('MiVoice v2.0.5.0');
    expect(s.get('multi_callers')).toBe('Choose a Contact...');
    expect(s.get('conf_tip')).toBe('Conference');
    expect(s.get('on')).toBe('ON');
    for (const set of [ENGLISH.google, ENGLISH.salesforce]) {
      for (const [k, v] of set.text) {
        expect(k).toMatch(/^[a-z][a-z0-9_]*$/);
        expect(v, k).toBe(v.trim());
        expect(v, k).not.toBe('');
        expect(v, k).not.toMatch(/\s{2}/);
      }
    }
  });

  it('placeholders: four Google strings carry them, none in Salesforce', () => {
    const withPlaceholders = (set: (typeof ENGLISH)['google']) =>
      [...set.text].filter(([, v]) => placeholdersOf(v, 'mivoice').length > 0).map(([k]) => k);
    expect(withPlaceholders(ENGLISH.google).sort()).toEqual(
      ['call_log_quick_note_label', 'duration_format', 'err_not_verified', 'signed_in_as'].sort(),
    );
    expect(withPlaceholders(ENGLISH.salesforce)).toEqual([]);
    expect(placeholdersOf('{1} and {0} and {0}', 'mivoice')).toEqual(['{0}', '{0}', '{1}']);
  });
});
