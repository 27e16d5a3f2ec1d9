// Configuration from the environment, read once at start. Nothing else in the house reads process.env.
import path from 'node:path';

export interface PlatformConfig {
  /** PostgreSQL URL; absent → the embedded PGlite database in dataDir. */
  databaseUrl: string | null;
  /** Folder of the embedded database and stored files (uploads, feed originals). */
  dataDir: string;
  port: number;
  host: string;
  /** Where uploaded and imported files are kept (content-addressed). */
  fileStoreDir: string;
  /** True on https deployments: session cookies get the Secure flag. */
  secureCookies: boolean;
}

export function readConfig(env: NodeJS.ProcessEnv = process.env): PlatformConfig {
  const dataDir = path.resolve(env.SAFETYNET_DATA_DIR || './data');
  const port = Number(env.PORT || 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT is not a port number: ${env.PORT}`);
  return {
    databaseUrl: env.DATABASE_URL?.trim() || null,
    dataDir,
    port,
    host: env.HOST || '127.0.0.1',
    fileStoreDir: path.resolve(env.SAFETYNET_FILE_DIR || path.join(dataDir, 'files')),
    secureCookies: env.SAFETYNET_SECURE_COOKIES === 'true',
  };
}
