import { AppContext } from '../AppContext';
import { randomHex } from '../crypto/randomHex';
import { RecordStore, tag } from '../persistence/RecordStore';

const KEY_RECORD = [tag('freeside-signing-key')];

/**
 * The key prepared messages are signed with: made once per installation and kept in the app's storage, so
 * Send takes only what Prepare produced (Freeside stores the prepared message and could be made to alter it).
 */
export async function freesideSigningKey(context: Pick<AppContext, 'read' | 'persistence' | 'locks'>): Promise<string> {
    const records = new RecordStore(context.read.getPersistenceReader(), context.persistence);
    return context.locks.run('freeside-signing-key', async () => {
        const known = await storedKey(records);
        if (known) {
            return known;
        }
        const key = randomHex(32);
        await records.write(KEY_RECORD, { key });
        return key;
    });
}

/** The key, if Prepare ever made one: Send only checks, so a refused Send stores nothing. */
export async function existingFreesideSigningKey(context: Pick<AppContext, 'read' | 'persistence'>): Promise<string | undefined> {
    return storedKey(new RecordStore(context.read.getPersistenceReader(), context.persistence));
}

async function storedKey(records: RecordStore): Promise<string | undefined> {
    const known = await records.findOne<{ key: string }>(KEY_RECORD);
    return known && typeof known.key === 'string' && known.key ? known.key : undefined;
}
