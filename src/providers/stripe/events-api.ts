import { str, type ApiRoute } from './api.js';
import { SE } from './errors.js';
import { listPage } from './list.js';

/** Events: list (filters `type`, `types[]`) and retrieve. */
export const EVENT_ROUTES: readonly ApiRoute[] = [
  {
    method: 'GET',
    path: '/v1/events',
    api: 'stripe.events.list',
    accepts: ['limit', 'starting_after', 'ending_before', 'type', 'types', 'created', 'delivery_success'],
    run(r) {
      const type = str(r.params, 'type');
      const types = Array.isArray(r.params.types) ? r.params.types.filter((t): t is string => typeof t === 'string') : undefined;
      // `type` accepts a * wildcard (payment_intent.*).
      const matches = (t: string) => (!type || new RegExp(`^${type.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`).test(t)) && (!types || types.includes(t));
      return listPage(r, '/v1/events', r.env.events.filter((e) => matches(e.type)));
    },
  },
  {
    method: 'GET',
    path: '/v1/events/{id}',
    api: 'stripe.events.retrieve',
    accepts: [],
    run(r) {
      const event = r.env.events.find((e) => e.id === r.path.id);
      return event ? { ok: true, json: event, order: r.env.objects.get(event.data.object.id)?.order } : { ok: false, failure: SE.noSuch('event', r.path.id, 'id') };
    },
  },
];
