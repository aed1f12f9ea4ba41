import { IConfigurationExtend } from '@rocket.chat/apps-engine/definition/accessors';
import { ApiEndpoint, ApiSecurity, ApiVisibility, IApiResponse } from '@rocket.chat/apps-engine/definition/api';
import { App } from '@rocket.chat/apps-engine/definition/App';

/** Answers 200 {} without reading anything: the cost of a request through the engine and nothing more. */
class NoopEndpoint extends ApiEndpoint {
    public path = 'noop';

    public async post(): Promise<IApiResponse> {
        return { status: 200, content: {} };
    }
}

export class NoopApp extends App {
    protected async extendConfiguration(configuration: IConfigurationExtend): Promise<void> {
        await configuration.api.provideApi({
            visibility: ApiVisibility.PUBLIC,
            security: ApiSecurity.UNSECURE,
            endpoints: [new NoopEndpoint(this)],
        });
    }
}
