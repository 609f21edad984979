import { vi } from 'vitest';

export interface RecordedUpload {
  method: string;
  url: string;
  headers: Headers;
  field: string;
  file: File;
}

function readAsText(file: Blob): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(reader.result as string);
    reader.onerror = () => reject(reader.error ?? new Error('read failed'));
    reader.readAsText(file);
  });
}

/**
 * Replaces XMLHttpRequest with a fake that reports upload progress (half, then all of the body)
 * and then answers through the global fetch, so the routes of `mockFetch` answer uploads too: the
 * handler sees `body = {file: {name, size, text}}` for the multipart field. Returns the uploads.
 */
export function fakeXhr() {
  const uploads: RecordedUpload[] = [];

  class FakeXMLHttpRequest {
    upload: { onprogress: ((e: ProgressEvent) => void) | null } = { onprogress: null };
    status = 0;
    responseText = '';
    onload: (() => void) | null = null;
    onerror: (() => void) | null = null;
    onabort: (() => void) | null = null;
    private method = 'GET';
    private url = '';
    private headers = new Headers();
    private aborted = false;

    open(method: string, url: string) {
      this.method = method;
      this.url = url;
    }

    setRequestHeader(name: string, value: string) {
      this.headers.set(name, value);
    }

    abort() {
      if (this.aborted) return;
      this.aborted = true;
      this.onabort?.();
    }

    send(body: FormData) {
      const entry = [...body.entries()][0];
      if (!entry || !(entry[1] instanceof File))
        throw new Error('FakeXMLHttpRequest: expected one file field');
      const [field, file] = entry as [string, File];
      uploads.push({ method: this.method, url: this.url, headers: this.headers, field, file });
      const total = file.size + 200;
      void (async () => {
        await Promise.resolve();
        if (this.aborted) return;
        this.upload.onprogress?.({
          lengthComputable: true,
          loaded: Math.floor(total / 2),
          total,
        } as ProgressEvent);
        await new Promise((r) => setTimeout(r, 0));
        if (this.aborted) return;
        this.upload.onprogress?.({ lengthComputable: true, loaded: total, total } as ProgressEvent);
        const text = await readAsText(file);
        let response: Response;
        try {
          response = await fetch(this.url, {
            method: this.method,
            headers: this.headers,
            body: JSON.stringify({ [field]: { name: file.name, size: file.size, text } }),
          });
        } catch {
          if (!this.aborted) this.onerror?.();
          return;
        }
        const answer = await response.text();
        if (this.aborted) return;
        this.status = response.status;
        this.responseText = answer;
        this.onload?.();
      })();
    }
  }

  vi.stubGlobal('XMLHttpRequest', FakeXMLHttpRequest);
  return { uploads };
}
