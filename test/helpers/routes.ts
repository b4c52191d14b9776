import fs from 'node:fs';
import path from 'node:path';

export const HTTP_METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

const APP = path.resolve(__dirname, '..', '..', 'app');

/** Every route handler file under app/api, found on disk, as its URL pattern: `/api/flows/[id]`. */
export function listApiRoutes(): { pattern: string; file: string }[] {
  const found: { pattern: string; file: string }[] = [];
  const walk = (dir: string) => {
    for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (/^route\.(ts|tsx|js|mjs)$/.test(entry.name)) {
        // Route groups `(x)` are not part of the URL.
        const segments = path.relative(APP, dir).split(path.sep).filter((s) => !/^\(.*\)$/.test(s));
        found.push({ pattern: `/${segments.join('/')}`, file: full });
      }
    }
  };
  walk(path.join(APP, 'api'));
  return found.sort((a, b) => a.pattern.localeCompare(b.pattern));
}

/** The methods a route module exports handlers for. */
export function methodsOf(module: Record<string, unknown>): HttpMethod[] {
  return HTTP_METHODS.filter((method) => typeof module[method] === 'function');
}

/** A concrete URL path for a pattern: each [param] gets a value that names nothing. */
export function samplePath(pattern: string): { path: string; params: Record<string, string> } {
  const params: Record<string, string> = {};
  const url = pattern.replace(/\[(\.\.\.)?([^\]]+)\]/g, (_, _rest, name: string) => {
    params[name] = name === 'number' ? '447700900000' : `${name}_missing`;
    return params[name];
  });
  return { path: url, params };
}

/** The methods a route file exports, read from its source (for tests that reach routes over HTTP, without importing them). */
export function methodsInSource(file: string): HttpMethod[] {
  const source = fs.readFileSync(file, 'utf8');
  return HTTP_METHODS.filter((method) => new RegExp(`export (async )?(function|const) ${method}\\b`).test(source));
}
