import { isObject } from '../validation';
import { JsonPath } from './template';

/** The value at a path of keys and array indexes in parsed JSON, or undefined. */
export function nodeAt(root: unknown, path: JsonPath): unknown {
    let node = root;
    for (const key of path) {
        if (Array.isArray(node) && typeof key === 'number') {
            node = node[key];
        } else if (isObject(node) && typeof key === 'string') {
            node = node[key];
        } else {
            return undefined;
        }
    }
    return node;
}

/** A non-empty text, number or boolean at the path, as text (form fields carry every value as text). */
export function textAt(root: unknown, path: JsonPath): string | undefined {
    const node = nodeAt(root, path);
    if (typeof node === 'string') {
        return node || undefined;
    }
    return (typeof node === 'number' && Number.isFinite(node)) || typeof node === 'boolean' ? String(node) : undefined;
}
