import { Router, type Request } from 'express';
import {
  LANGUAGE_CODES,
  LOCALIZATION_APPS,
  LOCALIZATION_MAX_BYTES,
  languageCodeSchema,
  localizationAppSchema,
} from '@oig/shared';
import { z } from 'zod';
import { AppError } from '../../../http/app-error.js';
import { actorOf } from '../../../http/guards.js';
import { singleFileUpload, uploadedFile } from '../../../http/upload.js';
import { parseWith } from '../../../http/validate.js';
import type { LocalizationService } from './localization.service.js';

export const LOCALIZATION_PUBLIC_PATH = '/mitel/oig/rest/resources/v1/localization';

const pathSchema = z.object({ app: localizationAppSchema, lang: languageCodeSchema });
/** `{app}` and `{lang}` of the path (lang in any case); a bad one is a 400 naming it. */
const target = (req: Request) => parseWith(pathSchema, req.params, 'Path');

/** The console's routes (under /api/v1; the API router's guards come first). */
export function localizationRoutes(service: LocalizationService): Router {
  const r = Router();
  r.get('/mivoice/localization', async (_req, res) => {
    res.json(await service.overview());
  });
  r.post(
    '/mivoice/localization/import',
    singleFileUpload('file', LOCALIZATION_MAX_BYTES),
    async (req, res) => {
      res.json(await service.import(uploadedFile(res), actorOf(req, res)));
    },
  );
  r.get('/mivoice/localization/:app/:lang/export', async (req, res) => {
    const { app, lang } = target(req);
    const csv = await service.exportCsv(app, lang);
    res.type('text/csv; charset=utf-8').attachment(csv.fileName).send(csv.bytes);
  });
  r.post('/mivoice/localization/:app/:lang/email', async (req, res) => {
    const { app, lang } = target(req);
    res.status(202).json(await service.email(app, lang, actorOf(req, res)));
  });
  r.delete('/mivoice/localization/:app/:lang', async (req, res) => {
    const { app, lang } = target(req);
    await service.remove(app, lang, actorOf(req, res));
    res.status(204).end();
  });
  return r;
}

/**
 * For MiVoice Integration clients, no console session: GET {app}/{lang} → every key with the
 * language's value, English where not translated. Public data, so any origin may read it.
 */
export function localizationPublicRoutes(service: LocalizationService): Router {
  const r = Router();
  r.get('/:app/:lang', async (req, res) => {
    const app = LOCALIZATION_APPS.find((a) => a === req.params.app);
    if (!app)
      throw new AppError(
        'not_found',
        'unknown_application',
        `Unknown application "${req.params.app}": use ${LOCALIZATION_APPS.join(' or ')}`,
        { params: { app: req.params.app.slice(0, 64), allowed: LOCALIZATION_APPS.join(', ') } },
      );
    const lang = LANGUAGE_CODES.find((c) => c === req.params.lang.toLowerCase());
    if (!lang)
      throw new AppError(
        'not_found',
        'unknown_language',
        `Unknown language "${req.params.lang}": use one of ${LANGUAGE_CODES.join(', ')}`,
        { params: { language: req.params.lang.slice(0, 64), allowed: LANGUAGE_CODES.join(', ') } },
      );
    res.set({
      'access-control-allow-origin': '*',
      'cross-origin-resource-policy': 'cross-origin',
      'cache-control': 'no-cache',
    });
    res.json(await service.strings(app, lang));
  });
  return r;
}
