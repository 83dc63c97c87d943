// Validates Kubernetes manifests against the JSON schemas the kubernetes-models packages ship
// (generated from the Kubernetes OpenAPI spec; the prometheus-operator ones from its CRDs): every
// document of every file, found by apiVersion and kind. A kind without a schema here is an
// error, not a pass. The schemas are what kubeconform checks without --strict: types, required
// fields, formats and patterns (e.g. a duration), not unknown keys.
//
// Usage: node check-k8s.mjs FILE.yaml...   exit 0 when all pass, 1 with the errors.
import fs from "node:fs";
import { parseAllDocuments } from "yaml";

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error("usage: node check-k8s.mjs FILE.yaml...");
  process.exit(2);
}

function modulePath(apiVersion, kind) {
  if (apiVersion.startsWith("monitoring.coreos.com/")) {
    return `@kubernetes-models/prometheus-operator/${apiVersion}/${kind}`;
  }
  return `kubernetes-models/${apiVersion}/${kind}`;
}

let failures = 0;
let checked = 0;
for (const file of files) {
  const docs = parseAllDocuments(fs.readFileSync(file, "utf8"));
  for (const doc of docs) {
    if (doc.errors.length > 0) {
      console.error(`${file}: YAML error: ${doc.errors[0].message}`);
      failures++;
      continue;
    }
    const object = doc.toJS();
    if (object == null) {
      continue;
    }
    const where = `${file}: ${object.kind} ${object.metadata?.name ?? "?"}`;
    let Model;
    try {
      const mod = await import(modulePath(String(object.apiVersion), String(object.kind)));
      Model = mod[object.kind];
    } catch (e) {
      console.error(`${where}: no schema for apiVersion ${object.apiVersion}, kind ${object.kind}`);
      failures++;
      continue;
    }
    try {
      new Model(object).validate();
      checked++;
    } catch (e) {
      console.error(`${where}: ${e.message}`);
      failures++;
    }
  }
}
if (failures > 0) {
  process.exit(1);
}
console.log(`${checked} Kubernetes object(s) match their schemas`);
