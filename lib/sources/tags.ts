import { parseJsonSetting } from '../jsonSetting';
import { isObject } from '../validation';

/** A keyword a message may start with, and the Omnichannel department (name or id) such messages go to. */
export interface MessageTag {
    tag: string;
    department: string;
}

/** The Message tags setting: a JSON object from keyword to department, e.g. {"FIRE": "Fire brigade"}. */
export function parseMessageTags(text: string): Array<MessageTag> {
    const value = parseJsonSetting(text);
    if (value === undefined) {
        return [];
    }
    if (!isObject(value)) {
        throw new Error('it must be a JSON object from keyword to department, e.g. {"FIRE": "Fire brigade"}');
    }
    return Object.entries(value).map(([tag, department]) => {
        if (!/^[^\s:,;.!?]{1,40}$/.test(tag)) {
            throw new Error(`the tag "${tag}" must be one word of at most 40 characters`);
        }
        if (typeof department !== 'string' || !department.trim()) {
            throw new Error(`the tag "${tag}" needs the name or id of a department`);
        }
        return { tag, department: department.trim() };
    });
}

export interface TagMatch {
    tag: MessageTag;
    /** The text without the tag (and the separator after it) when tags are removed; the text as sent otherwise. */
    text: string;
}

/**
 * The tag a message starts with, as a whole word and whatever its case ("fire: smoke on 5th street"); the
 * longest wins when one tag starts another. A message that is only the tag keeps it, so it is never empty.
 */
export function matchTag(text: string, tags: Array<MessageTag>, removeTag: boolean): TagMatch | undefined {
    const start = text.replace(/^\s+/, '');
    const candidates = tags
        .filter(({ tag }) => start.slice(0, tag.length).toLowerCase() === tag.toLowerCase() && /^(?:$|[\s:,;.!?-])/.test(start.slice(tag.length)))
        .sort((a, b) => b.tag.length - a.tag.length);
    if (!candidates.length) {
        return undefined;
    }
    const tag = candidates[0];
    const rest = start.slice(tag.tag.length).replace(/^[\s:,;.!?-]+/, '');
    return { tag, text: removeTag && rest ? rest : text };
}
