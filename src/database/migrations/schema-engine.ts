import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { PrismaPg } from '@prisma/adapter-pg';
import { bindMigrationAwareSqlAdapterFactory } from '@prisma/driver-adapter-utils';
import type { SchemaEngine } from '@prisma/schema-engine-wasm';

/**
 * Prisma's own schema engine, in its WebAssembly build, driven through the `pg` adapter.
 *
 * Prisma's CLI downloads a native engine before every command; where that download is not
 * possible the same engine is published as WebAssembly. Driving it here keeps migrations
 * recorded in `_prisma_migrations` exactly as `prisma migrate deploy` records them.
 */
export type SchemaEngineLog = (message: string) => void;

type WasmBindings = typeof import('@prisma/schema-engine-wasm/schema_engine_bg') & {
  __wbg_set_wasm(exports: WebAssembly.Exports): void;
};

let bindings: Promise<WasmBindings> | undefined;

/**
 * The package is an ES module that imports its `.wasm` file directly, which Node does not load;
 * so the binary is compiled here and linked to the package's JavaScript glue by hand.
 */
function loadBindings(): Promise<WasmBindings> {
  bindings ??= (async () => {
    const glue = (await import('@prisma/schema-engine-wasm/schema_engine_bg')) as WasmBindings;
    const glueFile = createRequire(import.meta.url).resolve(
      '@prisma/schema-engine-wasm/schema_engine_bg',
    );
    const binary = await readFile(join(dirname(glueFile), 'schema_engine_bg.wasm'));
    const module = await WebAssembly.compile(binary);
    const imports: Record<string, Record<string, unknown>> = {};
    for (const { module: name } of WebAssembly.Module.imports(module)) {
      imports[name] = glue as unknown as Record<string, unknown>;
    }
    const instance = await WebAssembly.instantiate(module, imports as WebAssembly.Imports);
    glue.__wbg_set_wasm(instance.exports);
    (instance.exports.__wbindgen_start as () => void)();
    return glue;
  })();
  return bindings;
}

export interface OpenedSchemaEngine {
  engine: SchemaEngine;
  close(): Promise<void>;
}

/** Opens the engine on the database at `connectionString` (it connects at once). */
export async function openSchemaEngine(
  connectionString: string,
  schemaText: string,
  log: SchemaEngineLog = () => undefined,
): Promise<OpenedSchemaEngine> {
  const glue = await loadBindings();
  const factory = bindMigrationAwareSqlAdapterFactory(new PrismaPg({ connectionString }));
  const engine = await glue.SchemaEngine.new(
    { datamodels: [['schema.prisma', schemaText]] },
    (message: string) => log(message),
    factory,
  );
  return {
    engine,
    close: async () => engine.free(),
  };
}
