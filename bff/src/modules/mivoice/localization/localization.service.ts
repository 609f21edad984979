/** TODO(issue 5): placeholder until this part lands. */
export function createLocalizationService(deps: Record<string, unknown>) {
  return { deps };
}
