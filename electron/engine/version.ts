/** The program's version: injected by the build (from package.json); "dev" when run from source. */
export const APP_VERSION: string = process.env.SKLAD_SYNC_VERSION ?? '0.0.0-dev';
