/** TODO(issue 5): placeholder until this part lands. */
export function createDirectoryService(deps: Record<string, unknown>) {
  return { deps };
}
