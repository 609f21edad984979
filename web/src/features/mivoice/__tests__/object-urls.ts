import { onTestFinished } from 'vitest';

/** jsdom has no object URLs: record the blobs given to URL.createObjectURL (removed again after the test). */
export function stubObjectUrls(blobs: Blob[]) {
  const url = URL as unknown as Record<string, unknown>;
  url.createObjectURL = (blob: Blob) => (blobs.push(blob), 'blob:report');
  url.revokeObjectURL = () => undefined;
  onTestFinished(() => {
    delete url.createObjectURL;
    delete url.revokeObjectURL;
  });
}
