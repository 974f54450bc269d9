import Fastify from 'fastify';
import { Type } from 'typebox';
import { describe, expect, it } from 'vitest';
import { refuseUnboundedNumbers, unboundedNumbers } from './bounded-integers.ts';

describe('unboundedNumbers', () => {
  it('names every integer or number without both bounds, however deep in the schema', () => {
    const schema = Type.Object({
      ok: Type.Integer({ minimum: 0, maximum: 10 }),
      noMax: Type.Integer({ minimum: 0 }),
      nested: Type.Optional(Type.Union([Type.Object({ n: Type.Number() }), Type.Null()])),
      list: Type.Array(Type.Integer({ minimum: 0, maximum: 2 ** 60 })),
    });
    expect(unboundedNumbers(schema)).toEqual([
      '/properties/list/items',
      '/properties/nested/anyOf/0/properties/n',
      '/properties/noMax',
    ]);
    expect(unboundedNumbers(Type.Object({ s: Type.String() }))).toEqual([]);
    expect(unboundedNumbers(undefined)).toEqual([]);
  });
});

describe('refuseUnboundedNumbers', () => {
  it('refuses to register a route, in any plugin, whose query or body has an unbounded integer', async () => {
    const app = Fastify();
    refuseUnboundedNumbers(app);
    app.register(async (child) => {
      child.get(
        '/fine',
        { schema: { querystring: Type.Object({ n: Type.Integer({ minimum: 0, maximum: 5 }) }) } },
        () => 'ok',
      );
      child.get(
        '/paged',
        { schema: { querystring: Type.Object({ offset: Type.Integer({ minimum: 0 }) }) } },
        () => 'no',
      );
    });
    await expect(app.ready()).rejects.toThrow(
      'GET /paged: querystring /properties/offset needs a minimum and a maximum within ±9007199254740991',
    );
  });

  it('lets a bounded app start', async () => {
    const app = Fastify();
    refuseUnboundedNumbers(app);
    app.post('/x', { schema: { body: Type.Object({ n: Type.Integer({ minimum: -1, maximum: 1 }) }) } }, () => 'ok');
    await app.ready();
    expect((await app.inject({ method: 'POST', url: '/x', payload: { n: 1 } })).statusCode).toBe(200);
    await app.close();
  });
});
