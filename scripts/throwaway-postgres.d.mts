export function postgresBinDir(): string | undefined;
export function startThrowawayPostgres(dir?: string): Promise<string>;
export function stopThrowawayPostgres(dir: string): void;
export function stopThrowawayServer(dir: string): Promise<void>;
export function startThrowawayServer(dir: string, url: string): Promise<void>;
