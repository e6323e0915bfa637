import { defineConfig } from 'prisma/config';

// Prisma's CLI reads the connection from here (Prisma 7 keeps it out of schema.prisma).
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/mindfulme' },
});
