import { EngineRuntime, engineModule } from './engines';

export interface StoredLogEntry {
    appId: string;
    method: string;
    entries: Array<{ severity: string; args: Array<unknown> }>;
}

/** In-memory versions of the three storages Rocket.Chat gives the AppManager (Mongo-backed there). */
export function createStorages(engine: EngineRuntime, logs: Array<StoredLogEntry>) {
    const { AppMetadataStorage, AppLogStorage, AppSourceStorage } = engineModule(engine, 'server/storage');
    const { AppConsole } = engineModule(engine, 'server/logging');

    class MemoryMetadataStorage extends AppMetadataStorage {
        private readonly items = new Map<string, any>();

        constructor() {
            super('memory');
        }

        public async create(item: any) {
            item._id = item._id || item.id;
            this.items.set(item.id, item);
            return item;
        }

        public async retrieveOne(id: string) {
            return this.items.get(id) || null;
        }

        public async retrieveAll() {
            return new Map(this.items);
        }

        public async retrieveAllPrivate() {
            return new Map(this.items);
        }

        public async update(item: any) {
            this.items.set(item.id, item);
            return item;
        }

        public async updatePartialAndReturnDocument(partial: any) {
            const item = { ...this.items.get(partial.id || partial._id), ...partial };
            this.items.set(item.id, item);
            return item;
        }

        public async updateStatus(id: string, status: string) {
            return this.change(id, (item) => (item.status = status));
        }

        public async updateSetting(id: string, setting: any) {
            return this.change(id, (item) => (item.settings[setting.id] = setting));
        }

        public async updateAppInfo(id: string, info: any) {
            return this.change(id, (item) => (item.info = info));
        }

        public async updateMarketplaceInfo(id: string, marketplaceInfo: any) {
            return this.change(id, (item) => (item.marketplaceInfo = marketplaceInfo));
        }

        public async remove(id: string) {
            return { success: this.items.delete(id) };
        }

        private change(id: string, apply: (item: any) => void): boolean {
            const item = this.items.get(id);
            if (item) {
                apply(item);
            }
            return Boolean(item);
        }
    }

    class MemoryLogStorage extends AppLogStorage {
        constructor() {
            super('memory');
        }

        // 1.42 hands over (appId, AppConsole); 1.62 hands over the finished storage entry.
        public async storeEntries(appIdOrEntry: any, logger?: any) {
            const entry = logger ? AppConsole.toStorageEntry(appIdOrEntry, logger) : appIdOrEntry;
            logs.push({
                appId: entry.appId,
                method: entry.method,
                entries: (entry.entries || []).map((item: any) => ({ severity: item.severity, args: item.args })),
            });
            return entry;
        }

        public async find() {
            return [];
        }

        public async findPaginated() {
            return { logs: [], total: 0 };
        }

        public async getEntriesFor() {
            return [];
        }

        public async removeEntriesFor() {}
    }

    class MemorySourceStorage extends AppSourceStorage {
        private readonly zips = new Map<string, Buffer>();

        public async store(item: any, zip: Buffer) {
            this.zips.set(item.id, zip);
            return item.id;
        }

        public async fetch(item: any) {
            return this.zips.get(item.id) as Buffer;
        }

        public async update(item: any, zip: Buffer) {
            this.zips.set(item.id, zip);
            return item.id;
        }

        public async remove(item: any) {
            this.zips.delete(item.id);
        }
    }

    return {
        metadataStorage: new MemoryMetadataStorage(),
        logStorage: new MemoryLogStorage(),
        sourceStorage: new MemorySourceStorage(),
    };
}
