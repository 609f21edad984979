/** TODO(issue 5): placeholder until this part lands. */
export function createUserListService(deps: Record<string, unknown>) {
  return { deps };
}
