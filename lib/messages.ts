import { IMessage } from '@rocket.chat/apps-engine/definition/messages';

/**
 * The system type of a message (`livechat-close`, `uj`, `livechat_transfer_history`…), or undefined for a
 * message someone wrote. Rocket.Chat 6.x fires IPostMessageSent for some system messages without mapping
 * their type, which the engine leaves in `_unmappedProperties_.t`; later engines map it to `type`.
 */
export function systemMessageType(message: IMessage): string | undefined {
    const raw = message as IMessage & { type?: unknown; _unmappedProperties_?: { t?: unknown } };
    const type = raw.type ?? (raw._unmappedProperties_ && raw._unmappedProperties_.t);
    return typeof type === 'string' && type ? type : undefined;
}
