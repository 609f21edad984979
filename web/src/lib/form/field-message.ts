/**
 * The message to show under one field. A field holding a list (e.g. Local Area Codes) has its
 * errors per item (`localAreaCodes.0`) or on the list itself (`root`), not one `message`: the first
 * of them is the one shown.
 */
export function fieldMessage(error: unknown): string | undefined {
  if (!error || typeof error !== 'object') return undefined;
  const { message, root } = error as { message?: unknown; root?: unknown };
  if (typeof message === 'string' && message) return message;
  const fromRoot = fieldMessage(root);
  if (fromRoot) return fromRoot;
  if (Array.isArray(error)) {
    for (const item of error as unknown[]) {
      const fromItem = fieldMessage(item);
      if (fromItem) return fromItem;
    }
  }
  return undefined;
}
