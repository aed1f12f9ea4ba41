import { IPersistence, IPersistenceRead } from '@rocket.chat/apps-engine/definition/accessors';
import { RocketChatAssociationModel, RocketChatAssociationRecord } from '@rocket.chat/apps-engine/definition/metadata';

/**
 * App persistence as Rocket.Chat implements it. Reads and removes match records holding *all* the given
 * associations; updateByAssociations matches the *exact* association list a record was written with, so a
 * record is always written and rewritten with the same list. Some Rocket.Chat versions throw after updating
 * an existing record (they read `upsertedId` of an update that upserted nothing), so a failed write counts
 * as done when the record now holds the data.
 */
export class RecordStore {
    constructor(private readonly reader: IPersistenceRead, private readonly persistence: IPersistence) {}

    public async find<T>(associations: Array<RocketChatAssociationRecord>): Promise<Array<T>> {
        return (await this.reader.readByAssociations(associations)) as Array<T>;
    }

    public async findOne<T>(associations: Array<RocketChatAssociationRecord>): Promise<T | undefined> {
        const [record] = await this.find<T>(associations);
        return record;
    }

    /** Creates the record, or replaces the one written with exactly these associations. */
    public async write(associations: Array<RocketChatAssociationRecord>, data: object): Promise<void> {
        try {
            await this.persistence.updateByAssociations(associations, data, true);
        } catch (error) {
            const stored = await this.findOne<object>(associations);
            if (JSON.stringify(stored) !== JSON.stringify(data)) {
                throw error;
            }
        }
    }

    public async remove(associations: Array<RocketChatAssociationRecord>): Promise<void> {
        await this.persistence.removeByAssociations(associations);
    }
}

/** An association of the app's own (Rocket.Chat's MISC model), e.g. `outbox-room:<room id>`. */
export const tag = (id: string): RocketChatAssociationRecord => new RocketChatAssociationRecord(RocketChatAssociationModel.MISC, id);
