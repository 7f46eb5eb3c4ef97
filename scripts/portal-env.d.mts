export function portalEnv(env: Record<string, string | undefined>): Record<string, string | undefined>;
