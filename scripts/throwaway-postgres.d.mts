export function postgresBinDir(): string | undefined;
export function startThrowawayPostgres(dir?: string): Promise<string>;
export function stopThrowawayPostgres(dir: string): void;
