import { Router } from 'express';
import type { createUserListService } from './user-list.service.js';

export function userListRoutes(_service: ReturnType<typeof createUserListService>): Router {
  return Router();
}
