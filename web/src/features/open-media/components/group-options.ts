import type { OpenMediaServiceGroup } from '@oig/shared';
import type { OpenMediaT } from '../i18n';

/** The groups as select options: "<name> (ID n)", closed ones and the current one said so. */
export function groupOptions(
  groups: readonly OpenMediaServiceGroup[],
  t: OpenMediaT,
  current?: number,
): { value: string; label: string; disabled: boolean }[] {
  return groups.map((g) => {
    const group = g.name ?? t('groups.name', { id: g.serviceGroupId });
    const key =
      g.serviceGroupId === current
        ? 'groups.optionCurrent'
        : g.open
          ? 'groups.option'
          : 'groups.optionClosed';
    return {
      value: String(g.serviceGroupId),
      label: t(key, { group, id: g.serviceGroupId }),
      disabled: g.serviceGroupId === current,
    };
  });
}
