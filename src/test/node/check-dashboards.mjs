// Type-checks Grafana dashboard JSON files against @grafana/schema's Dashboard type (the types
// Grafana generates from its CUE schema), with the TypeScript compiler: each file becomes an
// object literal assigned to that type, so an unknown key, a missing required key or a value of
// the wrong type is an error naming the file and line.
//
// Two loosenings, both because of how the types are written, not of what Grafana accepts:
//  - enums (MappingType, VariableRefresh, ...) are TypeScript enums, which a JSON string can
//    never be; Plain<T> turns each into the union of its values ("value" | "range" | ...);
//  - DataQuery (panel targets, annotation targets) is the base every data source extends with
//    its own fields (Prometheus: expr, legendFormat, ...), so extra keys are allowed there only.
//
// Usage: node check-dashboards.mjs FILE.json...   exit 0 when all pass, 1 with the errors.
import fs from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const here = path.dirname(fileURLToPath(import.meta.url));
const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node check-dashboards.mjs FILE.json...");
  process.exit(2);
}
const work = path.join(here, ".check");
fs.mkdirSync(work, { recursive: true });

const PRELUDE = `import type { Dashboard } from "@grafana/schema";
type Plain<T> = T extends string ? \`\${T}\` : T extends number | boolean | null | undefined ? T
  : T extends Array<infer U> ? Array<Plain<U>>
  : T extends { refId: string } ? { [K in keyof T]: Plain<T[K]> } & { [field: string]: unknown }
  : T extends object ? { [K in keyof T]: Plain<T[K]> } : T;
export const dashboard: Plain<Dashboard> = `;
const preludeLines = PRELUDE.split("\n").length - 1;

const sources = new Map();
files.forEach((file, i) => {
  const json = fs.readFileSync(file, "utf8");
  JSON.parse(json); // a syntax error names the file before the compiler sees it
  const ts = path.join(work, `dashboard${i}.ts`);
  fs.writeFileSync(ts, PRELUDE + json.trimEnd() + ";\n");
  sources.set(path.resolve(ts), file);
});

const program = ts.createProgram([...sources.keys()], {
  strict: true, noEmit: true, skipLibCheck: true, target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext, moduleResolution: ts.ModuleResolutionKind.NodeNext,
});
const diagnostics = ts.getPreEmitDiagnostics(program);
for (const d of diagnostics) {
  const message = ts.flattenDiagnosticMessageText(d.messageText, "\n  ");
  if (d.file) {
    const { line } = d.file.getLineAndCharacterOfPosition(d.start);
    const original = sources.get(path.resolve(d.file.fileName)) ?? d.file.fileName;
    console.error(`${original}:${line + 1 - preludeLines}: ${message}`);
  } else {
    console.error(message);
  }
}
if (diagnostics.length > 0) {
  process.exit(1);
}
console.log(`${files.length} dashboard(s) match @grafana/schema's Dashboard type`);
