import { noContent, TicketerRoute } from './TicketerEndpoint';

/** `GET secret.check`: RapidPro checks the App Secret when the ticketer is connected (204, no body). */
export const secretCheckRoute: TicketerRoute = {
    path: 'secret.check',
    handlers: {
        get: async () => noContent(),
    },
};
