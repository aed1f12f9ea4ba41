import * as fs from 'fs';
import * as path from 'path';

import type { Sandbox } from './sandbox';

const english: Record<string, string> = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'i18n', 'en.json'), 'utf8'));

/** What the agent's room list shows of a livechat room; the origin comes from the app's ticket record. */
export function roomView(sandbox: Sandbox, room: any) {
    const ticket = [...sandbox.rc.records.values()].map((record) => record.data).find((data) => data && data.roomId === room.id && data.origin);
    const phone = (room.visitor && room.visitor.phone && room.visitor.phone[0] && room.visitor.phone[0].phoneNumber) || (ticket && ticket.phone);
    return {
        id: room.id,
        name: room.displayName || (room.visitor && room.visitor.name) || room.id,
        origin: ticket ? ticket.origin : 'livechat',
        phone: phone || '',
        open: Boolean(room.isOpen),
        department: room.department ? room.department.name : '',
        servedBy: room.servedBy ? room.servedBy.username : '',
        lastMessageAt: room.lastMessageAt || room.createdAt,
    };
}

/** A message as the room shows it: who wrote it (agent, visitor, the app, the system), its text and files. */
export function messageView(message: any) {
    const sender = message.sender || {};
    const systemType = message.type || (message._unmappedProperties_ && message._unmappedProperties_.t);
    let author = 'agent';
    if (systemType) {
        author = 'system';
    } else if (sender.type === 'app' || sender.type === 'bot') {
        author = 'app';
    } else if (message.token || (sender.roles || []).includes('livechat-guest')) {
        author = 'visitor';
    }
    return {
        id: message.id,
        author,
        sender: sender.name || sender.username || '',
        text: message.text || '',
        systemType: systemType || '',
        createdAt: message.createdAt,
        editedAt: message.editedAt || message.updatedAt,
        attachments: (message.attachments || []).map((attachment: any) => ({
            title: typeof attachment.title === 'object' && attachment.title ? attachment.title.value : attachment.title || '',
            link: (attachment.title && attachment.title.link) || attachment.titleLink || attachment.imageUrl || attachment.audioUrl || attachment.videoUrl || '',
            imageUrl: attachment.imageUrl || '',
            audioUrl: attachment.audioUrl || '',
            videoUrl: attachment.videoUrl || '',
            description: attachment.description || attachment.text || '',
        })),
    };
}

/** An SMS/MMS the app handed to the emulated phone, with the state the phone reports for it now. */
export function sentSmsView(sandbox: Sandbox, sent: any) {
    return {
        id: sent.id,
        to: sent.phoneNumbers.join(', '),
        text: sent.textMessage ? sent.textMessage.text : (sent.mmsMessage && sent.mmsMessage.text) || '',
        files: sent.mmsMessage ? sent.mmsMessage.attachments.map((attachment: any) => attachment.filename || attachment.mimeType) : [],
        state: sandbox.gateway.stateOf(sent.id) || 'Pending',
        acceptedAt: sent.acceptedAt,
    };
}

/** A setting as Administration > Apps > Tickets shows it: label and description in English, section, value. */
export function settingView(setting: any) {
    return {
        id: setting.id,
        type: setting.type,
        label: english[setting.i18nLabel] || setting.id,
        description: english[setting.i18nDescription] || '',
        section: english[setting.section] || setting.section || '',
        value: setting.value === undefined || setting.value === null ? setting.packageValue : setting.value,
        values: (setting.values || []).map((option: any) => ({ key: option.key, label: english[option.i18nLabel] || option.key })),
    };
}
