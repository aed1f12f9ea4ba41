import { parseGatewayEvent } from '../lib/messagegate/webhookEvents';
import { verifyWebhookSignature } from '../lib/messagegate/signature';
import { MESSAGEGATE_WEBHOOK_PATH } from '../lib/messagegate/webhookRegistration';
import { handleGatewayEvent } from '../lib/sms/handleGatewayEvent';
import { AppRoute, json, jsonBody } from './AppEndpoint';

/**
 * `POST messagegate/webhook`: the gateway's signed events. 200 for whatever is handled or deliberately
 * ignored (an unknown event, a duplicate), so the phone stops retrying; 401 for a bad signature; 400 for a
 * body that cannot be read; 503 when Rocket.Chat could not take it, so the phone delivers it again.
 */
export const messageGateWebhookRoute: AppRoute = {
    path: MESSAGEGATE_WEBHOOK_PATH,
    // The public build posts MMS parts inline as base64; carriers cap an MMS at a few MB, so this is ample.
    maxBodyBytes: 32 * 1024 * 1024,
    authenticate: async (request, settings) => {
        const [signingKey, windowSeconds] = await Promise.all([settings.signingKey(), settings.timestampWindowSeconds()]);
        verifyWebhookSignature({ content: request.content, headers: request.headers, signingKey, windowSeconds, nowMs: Date.now() });
    },
    handlers: {
        post: async ({ request, context }) => json(200, { status: await handleGatewayEvent(context, parseGatewayEvent(jsonBody(request))) }),
    },
};
