import { noContent, TicketerEndpoint } from './TicketerEndpoint';

/** `GET secret.check`: RapidPro checks the App Secret when the ticketer is connected. */
export class SecretCheckEndpoint extends TicketerEndpoint {
    public path = 'secret.check';

    protected readonly handlers = {
        get: async () => noContent(),
    };
}
