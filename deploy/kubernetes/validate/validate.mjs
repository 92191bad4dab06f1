// Validates every manifest in deploy/kubernetes/*.yaml against the Kubernetes API schemas (kubernetes-models: the
// OpenAPI schemas of the Kubernetes API, one class per kind), then checks what gpuledger relies on: a StatefulSet for
// streams-app with a volume per instance and a readiness probe on /health/ready, a Deployment for ingest live.
// Run from .ci/run:  (cd deploy/kubernetes/validate && npm ci && node validate.mjs)
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { parseAllDocuments } from "yaml";

const dir = join(dirname(fileURLToPath(import.meta.url)), "..");
const problems = [];
const objects = [];

for (const file of readdirSync(dir).filter((name) => name.endsWith(".yaml")).sort()) {
  const documents = parseAllDocuments(readFileSync(join(dir, file), "utf8"));
  for (const [index, document] of documents.entries()) {
    const where = `${file} document ${index + 1}`;
    if (document.errors.length > 0) {
      problems.push(`${where}: not YAML: ${document.errors[0].message.split("\n")[0]}`);
      continue;
    }
    const object = document.toJS();
    if (object === null) {
      continue;
    }
    const { apiVersion, kind } = object;
    let module;
    try {
      module = await import(`kubernetes-models/${apiVersion}`);
    } catch {
      problems.push(`${where}: unknown apiVersion ${apiVersion}`);
      continue;
    }
    const Model = module[kind];
    if (Model === undefined) {
      problems.push(`${where}: unknown kind ${kind} in ${apiVersion}`);
      continue;
    }
    try {
      new Model(object).validate();
      objects.push({ where, object });
    } catch (error) {
      const details = (error.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message}`).join("; ");
      problems.push(`${where} (${kind} ${object.metadata?.name}): ${details || error.message}`);
    }
  }
}

const find = (kind, name) => objects.find(({ object }) => object.kind === kind && object.metadata.name === name);
const streams = find("StatefulSet", "gpuledger-streams-app");
if (!streams) {
  problems.push("no StatefulSet gpuledger-streams-app");
} else {
  const spec = streams.object.spec;
  const container = spec.template.spec.containers[0];
  if (!(spec.volumeClaimTemplates ?? []).some((claim) =>
      container.volumeMounts.some((mount) => mount.name === claim.metadata.name))) {
    problems.push(`${streams.where}: no volume per instance (volumeClaimTemplates mounted by the container)`);
  }
  if (container.readinessProbe?.httpGet?.path !== "/health/ready") {
    problems.push(`${streams.where}: the readiness probe must ask /health/ready`);
  }
  if (!(spec.replicas >= 2)) {
    problems.push(`${streams.where}: standby replicas need at least 2 instances`);
  }
}
if (!find("Deployment", "gpuledger-ingest-live")) {
  problems.push("no Deployment gpuledger-ingest-live");
}

for (const problem of problems) {
  console.error(`kubernetes: ${problem}`);
}
console.log(`kubernetes: ${objects.length} objects valid, ${problems.length} problems`);
process.exit(problems.length === 0 ? 0 : 1);
