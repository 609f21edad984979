import { onTestFinished, vi } from 'vitest';

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

export interface SavedFile {
  /** The link's `download` name. */
  name: string;
  blob: Blob;
}

/**
 * Records the files the page saves through a blob link (downloadBlob): each link click with
 * the name it was saved under and the blob behind its object URL. jsdom navigates nowhere.
 */
export function recordDownloads(): SavedFile[] {
  const blobs: Blob[] = [];
  const saved: SavedFile[] = [];
  stubObjectUrls(blobs);
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    const blob = blobs.at(-1);
    if (this.href === 'blob:report' && blob) saved.push({ name: this.download, blob });
  });
  return saved;
}

/** The bytes of a saved blob (FileReader: jsdom's Blob has no arrayBuffer()). */
export function blobBytes(blob: Blob): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () =>
      resolve(new Uint8Array(reader.result instanceof ArrayBuffer ? reader.result : new ArrayBuffer(0)));
    reader.onerror = () => reject(reader.error ?? new Error('The blob could not be read'));
    reader.readAsArrayBuffer(blob);
  });
}

/** The text of a saved blob, a byte order mark kept as U+FEFF. */
export async function blobText(blob: Blob): Promise<string> {
  return new TextDecoder('utf-8', { ignoreBOM: true }).decode(await blobBytes(blob));
}
