import { parseSettingsRequest } from '../lib/rapidpro/requests';
import { saveCallbackUrl } from '../lib/rapidpro/saveCallbackUrl';
import { SettingsReader } from '../settings/SettingsReader';
import { json, jsonBody, noContent, TicketerEndpoint, TicketerRequest } from './TicketerEndpoint';

/** `PUT settings` stores the callback URL RapidPro sends when the ticketer is connected (exactly 204); `GET` shows it. */
export class SettingsEndpoint extends TicketerEndpoint {
    public path = 'settings';

    protected readonly handlers = {
        put: async ({ request, context }: TicketerRequest) => {
            const { callbackUrl } = parseSettingsRequest(jsonBody(request));
            await saveCallbackUrl(this.app, context, callbackUrl);
            return noContent();
        },
        get: async ({ context }: TicketerRequest) => json(200, { webhook: { url: await new SettingsReader(context.read).callbackUrl() } }),
    };
}
