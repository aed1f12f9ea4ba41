import { IHttpRequest, IHttpResponse } from '@rocket.chat/apps-engine/definition/accessors';

import { AppContext } from '../AppContext';
import { describeError } from '../errors';
import { log } from '../log';
import { DeliveryOutcome } from '../outbox/OutboxItem';
import { RecordStore, tag } from '../persistence/RecordStore';
import { DeliveryStatuses } from '../sms/deliveryStatus';
import { reportLockKey, wasDeliveredEarly } from './earlyReports';
import { textAt } from './jsonPath';
import { fill } from './placeholders';
import { providerSetup, ProviderSetup, withoutSecrets } from './providerSetup';
import { renderRequest, RenderedRequest } from './renderRequest';
import { ProviderTemplate } from './template';

/** An agent's reply (its text, or one of its files) to go out through the template provider of its room. */
export interface ProviderDelivery {
    transport: 'provider';
    /** The template's name: the provider the room replies through. */
    provider: string;
    /** The app's id of this SMS (`$messageid$`), derived from the Rocket.Chat message, so it is the same on every retry. */
    messageId: string;
    roomId: string;
    phone: string;
    text: string;
    /** A file goes by SendFile (its absolute URL), or as a link in SendMessage when the template has no SendFile. */
    file?: { name: string; type: string; url: string };
    summary: string;
}

const providerMessage = (provider: string, providerId: string) => [tag(`provider-message:${provider}:${providerId}`)];

/** The app's message id of a provider's message id (from `response_map`), for its delivery reports. */
export async function appMessageIdOf(context: Pick<AppContext, 'read' | 'persistence'>, provider: string, providerId: string): Promise<string | undefined> {
    const record = await new RecordStore(context.read.getPersistenceReader(), context.persistence).findOne<{ messageId: string }>(providerMessage(provider, providerId));
    return record && record.messageId;
}

/**
 * Sends through the provider. A 2xx is accepted (the provider's message id is kept from `response_map`); 408,
 * 429, 5xx, no answer, and 401/403 (a key an admin can fix) are retried; any other 4xx is final. A template
 * that cannot be filled in is kept and retried, so the agents' replies wait for the admin's fix.
 */
export async function sendViaProvider(delivery: ProviderDelivery, context: AppContext): Promise<DeliveryOutcome> {
    let setup: ProviderSetup | undefined;
    try {
        setup = await providerSetup(context.read);
    } catch (error) {
        return { kind: 'retry', reason: `the SMS provider template cannot be used: ${describeError(error)}` };
    }
    if (!setup || setup.template.name !== delivery.provider) {
        return { kind: 'retry', reason: `the SMS provider "${delivery.provider}" of this room is not set up (SMS provider template setting)` };
    }
    const { template, properties } = setup;
    let request: RenderedRequest;
    try {
        const [templateRequest, values] = requestOf(template, delivery, properties);
        request = renderRequest(template, templateRequest, values, properties);
    } catch (error) {
        return { kind: 'retry', reason: describeError(error) };
    }
    const answer = await send(context, request, setup.timeoutMs);
    if ('unreachable' in answer) {
        return { kind: 'retry', reason: `${template.name} could not be reached: ${withoutSecrets(answer.unreachable, properties)}` };
    }
    const { statusCode } = answer;
    if (statusCode >= 200 && statusCode < 300) {
        try {
            await accepted(context, template, delivery, answer);
        } catch (error) {
            // The provider has the SMS: a failure of the app's own records must not make the outbox send it again.
            context.logger.error(log.providerStatusNotRecorded(template.name, delivery.messageId, describeError(error)));
        }
        return { kind: 'delivered' };
    }
    const reason = withoutSecrets(`${template.name} answered HTTP ${statusCode}${excerpt(answer)}`, properties);
    const retryable = statusCode >= 500 || [401, 403, 408, 425, 429].includes(statusCode) || statusCode < 200;
    return retryable ? { kind: 'retry', reason } : { kind: 'failed', reason };
}

function requestOf(template: ProviderTemplate, delivery: ProviderDelivery, properties: Record<string, string>) {
    const common = { to: delivery.phone, messageid: delivery.messageId, from: template.from ? fill(template.from, properties) : '' };
    const { file } = delivery;
    if (file && template.sendFile) {
        const fileValues = { ...common, content: file.url, media_url: file.url, text: delivery.text, file_name: file.name, file_type: file.type };
        return [template.sendFile, fileValues] as const;
    }
    const content = [delivery.text, file && file.url].filter(Boolean).join('\n');
    return [template.sendMessage, { ...common, content }] as const;
}

async function send(context: AppContext, request: RenderedRequest, timeoutMs: number): Promise<IHttpResponse | { unreachable: string }> {
    // Only the options in use: an undefined one may reach Rocket.Chat as null.
    const options: IHttpRequest = { headers: request.headers, timeout: timeoutMs };
    if (request.content !== undefined) {
        options.content = request.content;
    }
    const { http } = context;
    const verbs = { GET: http.get, POST: http.post, PUT: http.put, PATCH: http.patch };
    try {
        const response = await verbs[request.method].call(http, request.url, options);
        return response || { unreachable: 'Rocket.Chat made no HTTP request (is the networking permission granted?)' };
    } catch (error) {
        return { unreachable: describeError(error) };
    }
}

/**
 * The provider has the SMS: it is shown as sent, and its id is kept so the provider's delivery report finds it
 * (or, when the report came first, the kept report is applied now).
 */
async function accepted(context: AppContext, template: ProviderTemplate, delivery: ProviderDelivery, response: IHttpResponse): Promise<void> {
    const { messageId, roomId, phone, summary } = delivery;
    const expectsDeliveryReport = template.webhooks.some((model) => model.eventType === 'messageDelivered');
    const statuses = new DeliveryStatuses(context);
    await statuses.sent(messageId, { roomId, phone, summary, expectsDeliveryReport, at: new Date().toISOString() });
    await statuses.report(messageId, 'Sent');
    const { messageIdPath } = delivery.file && template.sendFile ? template.sendFile : template.sendMessage;
    if (!messageIdPath) {
        return;
    }
    const providerId = textAt(bodyOf(response), messageIdPath);
    if (!providerId) {
        context.logger.warn(log.providerMessageIdMissing(template.name, messageId));
        return;
    }
    await context.locks.run(reportLockKey(template.name, providerId), async () => {
        await new RecordStore(context.read.getPersistenceReader(), context.persistence).write(providerMessage(template.name, providerId), { messageId });
        if (await wasDeliveredEarly(context, template.name, providerId)) {
            await statuses.report(messageId, 'Delivered');
        }
    });
}

function bodyOf(response: IHttpResponse): unknown {
    if (response.data !== undefined && response.data !== null) {
        return response.data;
    }
    try {
        return JSON.parse(String(response.content || ''));
    } catch {
        return undefined;
    }
}

function excerpt(response: IHttpResponse): string {
    const text = String(response.content || '').replace(/\s+/g, ' ').trim().slice(0, 200);
    return text ? `: ${text}` : '';
}
