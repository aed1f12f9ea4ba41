import { IHttp, ILogger, IModify, IPersistence, IRead } from '@rocket.chat/apps-engine/definition/accessors';
import { ApiEndpoint, IApiEndpointInfo, IApiRequest, IApiResponse } from '@rocket.chat/apps-engine/definition/api';
import { IApp } from '@rocket.chat/apps-engine/definition/IApp';

import { AppContext, appContext, AppServices } from '../lib/AppContext';
import { DEFAULT_MAX_BODY_BYTES, refuseOversizedBody } from '../lib/bodySize';
import { badRequest, describeError, isHttpError, methodNotAllowed } from '../lib/errors';
import { log } from '../lib/log';
import { authenticateTicketer } from '../lib/secret';
import { isObject, JsonObject } from '../lib/validation';
import { SettingsReader } from '../settings/SettingsReader';

export type HttpMethod = 'get' | 'post' | 'put' | 'delete' | 'patch' | 'head' | 'options';

export interface RouteRequest<Caller = void> {
    request: IApiRequest;
    context: AppContext;
    app: IApp;
    /** Who authenticate() found the caller to be, for routes with more than one (a message source). */
    caller: Caller;
}

type Handler<Caller> = (call: RouteRequest<Caller>) => Promise<IApiResponse>;

/** One endpoint of the app: its path, how its caller proves who it is, and the handler of each allowed method. */
export interface AppRoute<Caller = void> {
    path: string;
    /** Throws a 401 (or 403) HttpError unless the request comes from a caller the endpoint serves; returns which one. */
    authenticate: (request: IApiRequest, settings: SettingsReader) => Promise<Caller>;
    handlers: Partial<Record<HttpMethod, Handler<Caller>>>;
    /** The largest body it takes, in bytes (DEFAULT_MAX_BODY_BYTES unless said); a larger one gets 413 before anything else. */
    maxBodyBytes?: number;
}

/** RapidPro's ticketer calls: `Authorization: Token <App Secret>`. */
export const byAppSecret = async (request: IApiRequest, settings: SettingsReader): Promise<void> =>
    authenticateTicketer(request.headers, await settings.appSecret());

export const json = (status: number, content: object): IApiResponse => ({
    status,
    headers: { 'Content-Type': 'application/json' },
    content,
});

export const noContent = (): IApiResponse => ({ status: 204 });

/**
 * An endpoint of the app (RapidPro's ticketer API, the webhooks, the other gateways' and Freeside's calls):
 * refuses an oversized body, authenticates its caller, checks the method, runs the route's handler, and turns
 * anything thrown into the contract's `{"error": "…"}` (never an exception to the engine, which Rocket.Chat
 * would answer with an opaque 500). Every HTTP method is answered, so a wrong one gets a 405.
 *
 * Routes are data, not subclasses: under the vm2 runtime a class two levels below the engine's ApiEndpoint
 * loses its own prototype methods, so there is exactly one endpoint class.
 */
export class AppEndpoint extends ApiEndpoint {
    public path: string;

    // Any caller type: each route's authenticate and handlers are checked against each other where the route is written.
    constructor(app: IApp, private readonly services: (logger: ILogger) => AppServices, private readonly route: AppRoute<any>) {
        super(app);
        this.path = route.path;
    }

    public get(...args: EndpointArgs) {
        return this.dispatch('get', ...args);
    }

    public post(...args: EndpointArgs) {
        return this.dispatch('post', ...args);
    }

    public put(...args: EndpointArgs) {
        return this.dispatch('put', ...args);
    }

    public delete(...args: EndpointArgs) {
        return this.dispatch('delete', ...args);
    }

    public patch(...args: EndpointArgs) {
        return this.dispatch('patch', ...args);
    }

    public head(...args: EndpointArgs) {
        return this.dispatch('head', ...args);
    }

    public options(...args: EndpointArgs) {
        return this.dispatch('options', ...args);
    }

    private async dispatch(method: HttpMethod, request: IApiRequest, _endpoint: IApiEndpointInfo, read: IRead, modify: IModify, http: IHttp, persistence: IPersistence): Promise<IApiResponse> {
        // The Deno runtime hands the endpoint an app whose logger belongs to this request.
        const services = this.services(this.app.getLogger());
        const { logger } = services;
        try {
            refuseOversizedBody(this.path, request.headers, request.content, this.route.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES);
            const context = appContext(read, modify, http, persistence, services);
            const caller = await this.route.authenticate(request, new SettingsReader(context.read));
            const handler = this.route.handlers[method];
            if (!handler) {
                const allowed = Object.keys(this.route.handlers).map((name) => name.toUpperCase()).join(', ');
                throw methodNotAllowed(`${method.toUpperCase()} is not allowed on ${this.path}; use ${allowed}`);
            }
            return await handler({ request, context, app: this.app, caller });
        } catch (error) {
            if (isHttpError(error)) {
                logger.warn(log.requestRefused(this.path, method, error.status, error.message));
                return json(error.status, { error: error.message });
            }
            logger.error(log.requestFailed(this.path, method, describeError(error)));
            // 503, not 500: RapidPro retries its GETs (room, room.close) on statuses above 501.
            return json(503, { error: `Tickets could not handle ${this.path}; the reason is in the Tickets app logs` });
        }
    }
}

type EndpointArgs = [IApiRequest, IApiEndpointInfo, IRead, IModify, IHttp, IPersistence];

/** The JSON object body of a request; Rocket.Chat hands it over parsed, or as text for other content types. */
export function jsonBody(request: IApiRequest): JsonObject {
    let body: unknown = request.content;
    if (typeof body === 'string') {
        try {
            body = JSON.parse(body);
        } catch {
            throw badRequest('The body must be valid JSON');
        }
    }
    if (!isObject(body)) {
        throw badRequest('The body must be a JSON object');
    }
    return body;
}
