import { parseSettingsRequest } from '../lib/rapidpro/requests';
import { saveCallbackUrl } from '../lib/rapidpro/saveCallbackUrl';
import { SettingsReader } from '../settings/SettingsReader';
import { AppRoute, byAppSecret, json, jsonBody, noContent } from './AppEndpoint';

/** `PUT settings` stores the callback URL RapidPro sends when the ticketer is connected (exactly 204); `GET` shows it. */
export const settingsRoute: AppRoute = {
    path: 'settings',
    authenticate: byAppSecret,
    handlers: {
        put: async ({ request, context, app }) => {
            const { callbackUrl } = parseSettingsRequest(jsonBody(request));
            await saveCallbackUrl(app, context, callbackUrl);
            return noContent();
        },
        get: async ({ context }) => json(200, { webhook: { url: await new SettingsReader(context.read).callbackUrl() } }),
    },
};
