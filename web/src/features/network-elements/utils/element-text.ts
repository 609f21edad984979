import { NE_SETUPS, NE_STATUSES, NE_TYPES, type NetworkElement, type NetworkElementSetup, type NetworkElementStatus, type NetworkElementType } from '@oig/shared';
import type { TFunction } from 'i18next';
import { labelTable } from '@/lib/labels';

/** Translated labels, looked up once per language. */
export interface ElementLabels {
  types: Record<NetworkElementType, string>;
  setups: Record<NetworkElementSetup, string>;
  statuses: Record<NetworkElementStatus, string>;
}

export function createElementLabels(t: TFunction<'networkElements'>): ElementLabels {
  return {
    types: labelTable(NE_TYPES, (k) => t(`types.${k}`)),
    setups: labelTable(NE_SETUPS, (k) => t(`setups.${k}`)),
    statuses: labelTable(NE_STATUSES, (k) => t(`statuses.${k}`)),
  };
}

/** The text the filter box matches: every text column of an element. */
export function elementSearchText(e: NetworkElement, labels: ElementLabels): string {
  return [labels.types[e.type], e.ipAddress, e.version ?? '', labels.setups[e.setup], labels.statuses[e.status], e.statusDetail ?? ''].join('\n');
}

export interface ElementCounts {
  mivb: number;
  micc: number;
}

export function countElements(elements: readonly NetworkElement[]): ElementCounts {
  let mivb = 0;
  let micc = 0;
  for (const e of elements) {
    if (e.type === 'mivb') mivb++;
    else micc++;
  }
  return { mivb, micc };
}
