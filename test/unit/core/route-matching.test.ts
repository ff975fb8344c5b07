import { describe, expect, it } from 'vitest';
import { createRouteMatcher } from '../../../shared/core/routes/route-matching';
import { allRoutes, routes } from '../../../shared/routes';

const match = createRouteMatcher(allRoutes);

describe('route matching', () => {
  it('matches literal and parameterised paths, decoding parameters', () => {
    expect(match('GET', '/contacts')).toMatchObject({ kind: 'route', route: routes.listContacts });
    expect(match('PATCH', '/contacts/abc%20d')).toMatchObject({
      kind: 'route',
      route: routes.updateContact,
      params: { id: 'abc d' },
    });
  });
  it('lists the allowed methods for a known path with another method', () => {
    expect(match('PUT', '/contacts/1')).toEqual({ kind: 'wrongMethod', allowed: ['DELETE', 'GET', 'PATCH'] });
  });
  it('matches nothing for unknown paths, deeper paths and the $default route itself', () => {
    expect(match('GET', '/contacts/1/extra')).toEqual({ kind: 'none' });
    expect(match('GET', '$default')).toEqual({ kind: 'none' });
  });
  it('gives every route a unique name and a unique method and path', () => {
    expect(new Set(allRoutes.map((route) => route.name)).size).toBe(allRoutes.length);
    expect(new Set(allRoutes.map((route) => `${route.method} ${route.path}`)).size).toBe(allRoutes.length);
  });
});
