import { AppRoute, byAppSecret, noContent } from './AppEndpoint';

/** `GET secret.check`: RapidPro checks the App Secret when the ticketer is connected (204, no body). */
export const secretCheckRoute: AppRoute = {
    path: 'secret.check',
    authenticate: byAppSecret,
    handlers: {
        get: async () => noContent(),
    },
};
