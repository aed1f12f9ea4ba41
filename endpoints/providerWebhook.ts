import { IApiRequest } from '@rocket.chat/apps-engine/definition/api';

import { describeError, HttpError, notFound, unauthorized } from '../lib/errors';
import { headerValue } from '../lib/headers';
import { log } from '../lib/log';
import { providerSetup } from '../lib/providers/providerSetup';
import { receiveFromProvider } from '../lib/providers/receiveFromProvider';
import { parseProviderEvent, requestData } from '../lib/providers/webhookEvents';
import { secretsMatch } from '../lib/secret';
import { AppRoute, json, RouteRequest } from './AppEndpoint';

export const PROVIDER_WEBHOOK_PATH = 'provider/webhook';

/** The token the provider presents: `?token=…`, an `X-Webhook-Token` header, or `Authorization: Bearer …`. */
function presentedToken(request: IApiRequest): string {
    const bearer = /^Bearer\s+(\S+)\s*$/i.exec(headerValue(request.headers, 'authorization') || '');
    const query = request.query && typeof request.query.token === 'string' ? request.query.token : '';
    return query || headerValue(request.headers, 'x-webhook-token') || (bearer ? bearer[1] : '');
}

/**
 * `provider/webhook`: what the template provider posts (or gets), read through the template's Webhook
 * models. 200 for whatever is handled or deliberately ignored, 401 for a wrong token, 400 for a request a
 * model describes but whose values are unusable, 404 when no provider is set up; 503 only when Rocket.Chat
 * could not take a message, so the provider delivers it again.
 */
async function handle({ request, context }: RouteRequest) {
    let setup;
    try {
        setup = await providerSetup(context.read);
    } catch (error) {
        throw new HttpError(404, `The SMS provider template of Tickets cannot be used: ${describeError(error)}`);
    }
    if (!setup) {
        throw notFound('No SMS provider template is set up in Tickets');
    }
    const method = request.method || 'post';
    const event = parseProviderEvent(setup.template, method, requestData(method, request.content, request.query));
    const outcome = await receiveFromProvider(context, setup.template.name, event);
    context.logger.info(log.providerWebhookAccepted(setup.template.name, event.eventKey, outcome));
    return json(200, { status: outcome });
}

export const providerWebhookRoute: AppRoute = {
    path: PROVIDER_WEBHOOK_PATH,
    authenticate: async (request, settings) => {
        const expected = await settings.providerWebhookToken();
        if (!expected) {
            throw unauthorized('The SMS provider webhook token is not set in the Tickets app settings');
        }
        const presented = presentedToken(request);
        if (!presented) {
            throw unauthorized('Missing token; send it as ?token=…, an X-Webhook-Token header or Authorization: Bearer');
        }
        if (!secretsMatch(presented, expected)) {
            throw unauthorized('Invalid token');
        }
    },
    handlers: { get: handle, post: handle, put: handle, patch: handle },
};
