import type { RequestHandler } from 'express';
import multer from 'multer';
import { AppError, fieldProblem } from './app-error.js';

/** An uploaded file as the services see it: never a request object. */
export interface UploadedFile {
  /** The file name as the browser sent it (no path). */
  name: string;
  bytes: Buffer;
}

const inMegabytes = (n: number) => Math.round((n / (1024 * 1024)) * 10) / 10;

function megabytes(n: number): string {
  return `${inMegabytes(n).toLocaleString('en', { maximumFractionDigits: 1 })} MB`;
}

/**
 * One file in the multipart field `field`, held in memory up to `maxBytes`. Everything the
 * browser could get wrong is a clear 400/413 naming the field: no file, an empty file, a second
 * file, more fields than `textFields`, a file over the limit (the upload is cut off there, nothing
 * is stored).
 */
export function singleFileUpload(
  field: string,
  maxBytes: number,
  /** Text fields allowed beside the file (in `req.body`, each at most 4 KB); none by default. */
  textFields = 0,
): RequestHandler {
  const parse = multer({
    storage: multer.memoryStorage(),
    defParamCharset: 'utf8',
    limits: {
      fileSize: maxBytes,
      files: 1,
      fields: textFields,
      fieldSize: 4096,
      parts: 1 + textFields,
      headerPairs: 20,
    },
  }).single(field);
  // What else the form may hold, for the message of a second file or a field too many.
  const besides =
    textFields === 0
      ? 'and nothing else'
      : `and at most ${textFields === 1 ? 'one text field' : `${textFields} text fields`} beside it`;
  return (req, res, next) => {
    if (!req.is('multipart/form-data')) {
      next(
        new AppError(
          'bad_request',
          'file_required',
          `Send the file as multipart/form-data in the field "${field}"`,
          {
            params: { field },
            fields: { [field]: fieldProblem('file_required', 'A file is required', { field }) },
          },
        ),
      );
      return;
    }
    parse(req, res, (err: unknown) => {
      if (err) {
        const e = err as { code?: string; field?: string; message?: string };
        if (e.code === 'LIMIT_FILE_SIZE') {
          next(
            new AppError(
              'payload_too_large',
              'file_too_large',
              `The file is larger than ${megabytes(maxBytes)}; split it into smaller files`,
              {
                params: { maxMegabytes: String(inMegabytes(maxBytes)) },
                fields: {
                  [field]: fieldProblem('file_too_large', `At most ${megabytes(maxBytes)}`, {
                    maxMegabytes: String(inMegabytes(maxBytes)),
                  }),
                },
              },
            ),
          );
        } else if (
          e.code === 'LIMIT_UNEXPECTED_FILE' ||
          e.code === 'LIMIT_FILE_COUNT' ||
          e.code === 'LIMIT_PART_COUNT' ||
          e.code === 'LIMIT_FIELD_COUNT'
        ) {
          next(
            new AppError(
              'bad_request',
              'exactly_one_file',
              `Send exactly one file, in the field "${field}", ${besides}`,
              {
                params: { field },
                fields: { [field]: fieldProblem('exactly_one_file', 'Exactly one file', { field }) },
              },
            ),
          );
        } else {
          next(
            new AppError(
              'bad_request',
              'upload_unreadable',
              `The upload could not be read: ${e.message ?? 'malformed multipart body'}`,
              {
                params: { detail: e.message ?? 'malformed multipart body' },
                fields: {
                  [field]: fieldProblem('upload_unreadable', 'Upload failed', {
                    detail: e.message ?? 'malformed multipart body',
                  }),
                },
              },
            ),
          );
        }
        return;
      }
      const file = req.file;
      if (!file) {
        next(
          new AppError('bad_request', 'file_required', `No file was sent in the field "${field}"`, {
            params: { field },
            fields: { [field]: fieldProblem('file_required', 'A file is required', { field }) },
          }),
        );
        return;
      }
      if (file.size === 0) {
        next(
          new AppError(
            'validation_failed',
            'file_empty',
            `The file "${file.originalname}" is empty (0 bytes)`,
            {
              params: { name: file.originalname },
              fields: {
                [field]: fieldProblem('file_empty', 'The file is empty', { name: file.originalname }),
              },
            },
          ),
        );
        return;
      }
      res.locals.upload = { name: file.originalname, bytes: file.buffer } satisfies UploadedFile;
      next();
    });
  };
}

/** The file singleFileUpload accepted. */
export function uploadedFile(res: { locals: Record<string, unknown> }): UploadedFile {
  const f = res.locals.upload as UploadedFile | undefined;
  if (!f)
    throw new AppError('bad_request', 'file_required', 'No file was sent', { params: { field: 'file' } });
  return f;
}
