import { Router } from 'express';
import type { createDirectoryService } from './directory.service.js';

export function directoryRoutes(_service: ReturnType<typeof createDirectoryService>): Router {
  return Router();
}
