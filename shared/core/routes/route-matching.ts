import { DEFAULT_ROUTE_PATH, type RouteDefinition } from './route';

/**
 * Matches a request to a declared route the way API Gateway does: a literal segment before a `{param}`
 * segment; `$default` only when nothing else matches. Used by the local runner to route, and by the
 * catch-all handler to tell 405 (known path, other method) from 404.
 */
export type RouteMatch =
  | { kind: 'route'; route: RouteDefinition; params: Record<string, string> }
  | { kind: 'wrongMethod'; allowed: string[] }
  | { kind: 'none' };

interface CompiledRoute {
  route: RouteDefinition;
  pattern: RegExp;
  paramNames: string[];
  literalSegments: number;
}

export function createRouteMatcher(routes: readonly RouteDefinition[]) {
  const compiled: CompiledRoute[] = routes
    .filter((route) => route.path !== DEFAULT_ROUTE_PATH)
    .map((route) => {
      const paramNames: string[] = [];
      const segments = route.path.split('/').filter(Boolean);
      const source = segments
        .map((segment) => {
          const param = /^\{(\w+)\}$/.exec(segment);
          if (!param) return escapeRegExp(segment);
          paramNames.push(param[1] as string);
          return '([^/]+)';
        })
        .join('/');
      const literalSegments = segments.filter((segment) => !segment.startsWith('{')).length;
      return { route, pattern: new RegExp(`^/${source}/?$`), paramNames, literalSegments };
    })
    // The most specific route wins, as in API Gateway.
    .sort((a, b) => b.literalSegments - a.literalSegments);

  return function match(method: string, path: string): RouteMatch {
    const allowed: string[] = [];
    for (const candidate of compiled) {
      const found = candidate.pattern.exec(path);
      if (!found) continue;
      if (candidate.route.method !== method) {
        allowed.push(candidate.route.method);
        continue;
      }
      const params = Object.fromEntries(
        candidate.paramNames.map((name, index) => [name, safeDecode(found[index + 1] as string)]),
      );
      return { kind: 'route', route: candidate.route, params };
    }
    return allowed.length > 0 ? { kind: 'wrongMethod', allowed: [...new Set(allowed)].sort() } : { kind: 'none' };
  };
}

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const safeDecode = (text: string) => {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
};
