import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';

export interface EmbeddedPostgres {
  /** A postgresql:// URL on loopback that any `pg` client can use. */
  url: string;
  stop(): Promise<void>;
}

/**
 * Starts PGlite (PostgreSQL compiled to WebAssembly) with its files in `dataDir`, served on a
 * loopback port through the PostgreSQL wire protocol, so the rest of the service uses the same
 * `pg` driver it uses against a real server. Data survives restarts because it lives on disk.
 *
 * Loaded lazily: a process with DATABASE_URL never loads PGlite.
 */
export async function startEmbeddedPostgres(dataDir: string): Promise<EmbeddedPostgres> {
  const directory = resolve(dataDir, 'pglite');
  await mkdir(directory, { recursive: true });
  const { PGlite } = await import('@electric-sql/pglite');
  const { citext } = await import('@electric-sql/pglite/contrib/citext');
  const { btree_gist } = await import('@electric-sql/pglite/contrib/btree_gist');
  const { PGLiteSocketServer } = await import('@electric-sql/pglite-socket');

  const db = await PGlite.create(directory, { extensions: { citext, btree_gist } });
  // Port 0: the OS picks a free port, so nothing else on the machine can collide with it.
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 50 });
  await server.start();
  const address = server.getServerConn();
  return {
    url: `postgresql://postgres@${address}/postgres?sslmode=disable`,
    stop: async () => {
      await server.stop();
      await db.close();
    },
  };
}
