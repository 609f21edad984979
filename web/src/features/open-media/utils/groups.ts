import type { OpenMediaServiceGroup } from '@oig/shared';
import type { OpenMediaT } from '../i18n';

export type GroupsById = ReadonlyMap<number, OpenMediaServiceGroup>;

export function groupsById(groups: readonly OpenMediaServiceGroup[] | undefined): GroupsById {
  return new Map((groups ?? []).map((g) => [g.serviceGroupId, g]));
}

/** A group's name, or "Group <id>" when the MiCC gives none or the group is not listed. */
export function groupLabel(id: number, groups: GroupsById, t: OpenMediaT): string {
  return groups.get(id)?.name ?? t('groups.name', { id });
}
