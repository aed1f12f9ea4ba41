/** One app persistence record, as Rocket.Chat's `apps_persistence` collection holds it. */
export interface PersistedRecord {
    id: string;
    appId: string;
    data: any;
    associations: Array<{ model: string; id: string }>;
}

type Association = { model: string; id: string };

const keyOf = (appId: string, association: Association): string => `${appId}\u0000${association.model}\u0000${association.id}`;

/**
 * App persistence records by id, with an index on (app, association) as Rocket.Chat's collection has, so a
 * lookup costs the same with 10 records or 100 000: the benchmark then measures the app, not the host.
 */
export class IndexedRecords extends Map<string, PersistedRecord> {
    private readonly byAssociation = new Map<string, Set<string>>();

    public set(id: string, record: PersistedRecord): this {
        const keys = new Set(record.associations.map((association) => keyOf(record.appId, association)));
        // Keys the record keeps stay where they are, so matches come in the order records were first written.
        this.unindex(id, keys);
        super.set(id, record);
        for (const key of keys) {
            const ids = this.byAssociation.get(key) || new Set<string>();
            ids.add(id);
            this.byAssociation.set(key, ids);
        }
        return this;
    }

    public delete(id: string): boolean {
        this.unindex(id);
        return super.delete(id);
    }

    public clear(): void {
        this.byAssociation.clear();
        super.clear();
    }

    /** Records holding all these associations (Mongo's `$all`): how reads and removes match. */
    public holdingAll(appId: string, associations: Array<Association>): Array<PersistedRecord> {
        if (associations.length === 0) {
            return [...this.values()].filter((record) => record.appId === appId);
        }
        const candidates = associations
            .map((association) => this.byAssociation.get(keyOf(appId, association)) || new Set<string>())
            .sort((a, b) => a.size - b.size);
        return [...candidates[0]]
            .filter((id) => candidates.every((ids) => ids.has(id)))
            .map((id) => this.get(id) as PersistedRecord);
    }

    /** Records written with exactly this association list (Mongo's equality on an array): how updates match. */
    public withExactly(appId: string, associations: Array<Association>): Array<PersistedRecord> {
        return this.holdingAll(appId, associations).filter(
            (record) =>
                record.associations.length === associations.length &&
                associations.every((wanted, index) => record.associations[index].model === wanted.model && record.associations[index].id === wanted.id),
        );
    }

    private unindex(id: string, keep: Set<string> = new Set()): void {
        const previous = this.get(id);
        for (const association of previous ? previous.associations : []) {
            const key = keyOf(previous!.appId, association);
            if (!keep.has(key)) {
                this.byAssociation.get(key)?.delete(id);
            }
        }
    }
}
