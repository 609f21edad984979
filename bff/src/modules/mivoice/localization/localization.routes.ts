import { Router } from 'express';
import type { createLocalizationService } from './localization.service.js';

export const LOCALIZATION_PUBLIC_PATH = '/mitel/oig/rest/resources/v1/localization';

export function localizationRoutes(_service: ReturnType<typeof createLocalizationService>): Router {
  return Router();
}

export function localizationPublicRoutes(_service: ReturnType<typeof createLocalizationService>): Router {
  return Router();
}
