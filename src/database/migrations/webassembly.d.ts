// Node has WebAssembly at run time; @types/node for Node 20 does not describe it. This is the
// small part the schema engine loader uses.
declare namespace WebAssembly {
  type Exports = Record<string, unknown>;
  type Imports = Record<string, Record<string, unknown>>;
  interface Module {
    readonly __brand: 'WebAssembly.Module';
  }
  const Module: {
    imports(module: Module): { module: string; name: string; kind: string }[];
  };
  interface Instance {
    readonly exports: Exports;
  }
  function compile(bytes: Uint8Array): Promise<Module>;
  function instantiate(module: Module, imports?: Imports): Promise<Instance>;
}
