import * as fs from 'fs';
import * as path from 'path';

import { EngineRuntime } from './engines';
import { TicketsHost } from './tickets-host';

export const WEBHOOK_TOKEN = 'hook-token-9f8e7d6c';

/** An example template shipped in templates/, as the admin pastes it into the setting. */
export function exampleTemplate(name: string): string {
    return fs.readFileSync(path.resolve(__dirname, '..', '..', 'templates', name), 'utf8');
}

export interface ProviderWorld {
    host: TicketsHost;
    agent: any;
    /** The app's provider/webhook URL with the token in the query, as the admin gives it to the provider. */
    webhookUrl: string;
}

/**
 * The packaged app with an HTTP SMS provider set up as an admin does it: the template, its property values
 * and the webhook token typed into the settings, an SMS department with an agent, no MessageGate. The app's
 * endpoints are served over HTTP on 127.0.0.1 (the Site URL).
 */
export async function startProviderWorld(engine: EngineRuntime, template: string, properties: Record<string, string>, settings: Record<string, unknown> = {}): Promise<ProviderWorld> {
    const host = new TicketsHost(engine);
    const department = host.rc.addDepartment('SMS');
    const agent = host.rc.addAgent('pat.agent', [department.id]);
    try {
        const site = await host.listen();
        await host.start({
            sms_provider_template: template,
            sms_provider_properties: JSON.stringify(properties),
            sms_provider_webhook_token: WEBHOOK_TOKEN,
            sms_department: 'SMS',
            ...settings,
        });
        return { host, agent, webhookUrl: `${site}/api/apps/public/${host.appId}/provider/webhook?token=${WEBHOOK_TOKEN}` };
    } catch (error) {
        await host.stop();
        throw error;
    }
}

/** The open SMS room of a phone number, found the way an agent sees it: the open livechat room of its visitor. */
export function roomOfPhone(host: TicketsHost, phone: string): any {
    const visitor = [...host.rc.visitors.values()].find((candidate) => (candidate.phone || []).some((entry: any) => entry.phoneNumber === phone));
    return visitor && [...host.rc.rooms.values()].find((room) => room.visitor && room.visitor.id === visitor.id && room.isOpen);
}

/** The app's notes in a room, oldest first. */
export function notesIn(host: TicketsHost, roomId: string): Array<string> {
    return host.rc
        .messagesIn(roomId)
        .filter((message: any) => message.sender.id === host.appUser().id)
        .map((message: any) => message.text);
}
