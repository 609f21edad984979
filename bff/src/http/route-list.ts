import type { Router } from 'express';

export interface RouteInfo {
  method: string;
  /** Express form, e.g. `/network-elements/:id`. */
  path: string;
}

interface LayerLike {
  rawPath?: unknown;
  route?: { path: unknown; methods: Record<string, boolean> };
  handle?: { stack?: LayerLike[] };
}

/**
 * Every route a router serves, nested routers included (walks Express 5's router stack). Used
 * to check the OpenAPI document and the role guard against what the app really serves.
 */
export function listRoutes(router: Router, prefix = ''): RouteInfo[] {
  const out: RouteInfo[] = [];
  const walk = (stack: LayerLike[], base: string) => {
    for (const layer of stack) {
      if (layer.route) {
        const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
        for (const p of paths) {
          for (const [method, on] of Object.entries(layer.route.methods))
            if (on && method !== '_all') out.push({ method, path: `${base}${String(p)}` });
        }
      } else if (layer.handle?.stack) {
        const mount = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
        walk(layer.handle.stack, `${base}${mount}`);
      }
    }
  };
  walk((router as unknown as { stack: LayerLike[] }).stack, prefix);
  return out;
}
