// Shared by the password form (browser) and the server checks.
export const MIN_PASSWORD_LENGTH = 12;
