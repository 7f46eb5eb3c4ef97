export function portalEnv(env: Record<string, string | undefined>): Record<string, string | undefined>;
export const DEFAULT_SERVER_HEAP_MB: number;
export function serverNodeArgs(env: Record<string, string | undefined>): string[];
