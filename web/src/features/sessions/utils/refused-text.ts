import {
  LICENSE_TYPES,
  REFUSED_LOGIN_REASONS,
  type LicenseType,
  type RefusedLogin,
  type RefusedLoginReason,
} from '@oig/shared';
import type { TFunction } from 'i18next';
import { labelTable } from '@/lib/labels';

type SessionsT = TFunction<readonly ['sessions', 'common']>;

/** The refusal reasons in the console's language (in `common`: the Overview says them too). */
export function refusedReasonLabels(t: SessionsT): Record<RefusedLoginReason, string> {
  return labelTable(REFUSED_LOGIN_REASONS, (k) => t(`common:refusedLoginReasons.${k}`));
}

const isLicenseType = (c: string): c is LicenseType => (LICENSE_TYPES as readonly string[]).includes(c);

/** What a row adds to its reason: the license that was full, the version sent, the fields missing. */
export function refusedDetail(t: SessionsT, e: Pick<RefusedLogin, 'reason' | 'license' | 'detail'>): string {
  if (e.license) {
    const license = isLicenseType(e.license) ? t(`licenses.${e.license}`) : t('refused.miVoiceIntegration');
    return t('refused.licenseDetail', { license });
  }
  if (e.detail === null) return '';
  if (e.reason === 'unsupported_version') return t('refused.versionDetail', { version: e.detail });
  if (e.reason === 'missing_parameter') return t('refused.missingDetail', { fields: e.detail });
  return e.detail;
}
