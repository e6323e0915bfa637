// Jest's CommonJS loader cannot `require()` an ES module on Node 20 (Node itself can since
// 20.19, which is why the built service runs). Several CommonJS packages now require ES-module
// dependencies (light-my-request -> cookie, @fastify/static -> content-disposition), so when Jest
// loads a node_modules file through `require` and it is written as an ES module, this rewrites it
// to CommonJS with TypeScript's own transpiler. Files loaded through `import` pass unchanged.
const { createHash } = require('node:crypto');
const ts = require('typescript');

const ESM_SYNTAX = /^\s*(import\s*[\w{*'"]|export\s+[\w{*]|export\s+default\b)/m;

module.exports = {
  process(source, filename, options) {
    if (options.supportsStaticESM || !ESM_SYNTAX.test(source)) return { code: source };
    const withoutImportMeta = source.replace(
      /\bimport\.meta\.url\b/g,
      "require('node:url').pathToFileURL(__filename).href",
    );
    const { outputText } = ts.transpileModule(withoutImportMeta, {
      fileName: filename,
      compilerOptions: {
        module: ts.ModuleKind.CommonJS,
        target: ts.ScriptTarget.ES2022,
        allowJs: true,
        esModuleInterop: true,
      },
    });
    return { code: outputText };
  },
  getCacheKey(source, filename, options) {
    return createHash('sha256')
      .update(`${filename}\0${String(options.supportsStaticESM)}\0${source}`)
      .digest('hex');
  },
};
