// Writes the "plain cdktf" program `npm run bench` measures beside ours: the
// resources, data sources, providers and outputs of a synth output, declared
// directly with the @cdktf/provider-* classes and literal values (no library,
// no validation, no tokens between resources, no rule pack, no depends_on).
// What it costs is cdktf's own price for the same resources: the floor under
// any library built on it.
'use strict';
const fs = require('node:fs');
const path = require('node:path');

const repo = path.join(__dirname, '..');
const camel = (s) => s.replace(/_([a-z0-9])/g, (_, c) => c.toUpperCase());
const pascal = (s) => s.split(/[-_]/).map((w) => w[0].toUpperCase() + w.slice(1)).join('');
// Free-form attributes keep their keys as written; block and argument names are camelCased back.
const FREE_FORM = new Set(['manifest', 'values', 'data', 'labels', 'annotations', 'bound_claims']);
const toConfig = (v) =>
  Array.isArray(v)
    ? v.map(toConfig)
    : v && typeof v === 'object'
      ? Object.fromEntries(Object.entries(v).filter(([k]) => k !== '//').map(([k, x]) => [camel(k), FREE_FORM.has(k) ? x : toConfig(x)]))
      : v;

/** `vault_policy` -> the module and class of @cdktf/provider-vault that declare it. */
function classFor(type, isData) {
  const [provider, ...rest] = type.split('_');
  const name = (isData ? ['data', provider, ...rest] : rest).join('-');
  const modulePath = require.resolve(`@cdktf/provider-${provider}/lib/${name}`, { paths: [repo] });
  const exported = Object.keys(require(modulePath));
  // jsii renames a class that clashes with a member (azuread's ApplicationPassword is ApplicationPasswordA).
  const cls = exported.find((k) => k === pascal(name)) ?? exported.find((k) => k.startsWith(pascal(name)) && !/(Config|Reference|List|Terraform|Hcl)/.test(k));
  return { modulePath, cls };
}

/** Writes the program to `file`; returns how many resources and data sources it declares. */
function writePlainProgram(stacksDir, file) {
  const modules = new Map();
  const use = ({ modulePath, cls }) => {
    if (!modules.has(modulePath)) modules.set(modulePath, `m${modules.size}`);
    return `${modules.get(modulePath)}.${cls}`;
  };
  const lines = [];
  let elements = 0;
  for (const stack of fs.readdirSync(stacksDir).sort()) {
    const tf = JSON.parse(fs.readFileSync(path.join(stacksDir, stack, 'cdk.tf.json'), 'utf8'));
    lines.push(`s = new TerraformStack(app, ${JSON.stringify(stack)});`);
    for (const [name, configs] of Object.entries(tf.provider ?? {})) {
      const provider = { modulePath: require.resolve(`@cdktf/provider-${name}/lib/provider`, { paths: [repo] }), cls: `${pascal(name)}Provider` };
      configs.forEach((c, i) => lines.push(`new ${use(provider)}(s, ${JSON.stringify(`${name}${i}`)}, ${JSON.stringify(toConfig(c))});`));
    }
    for (const kind of ['resource', 'data']) {
      for (const [type, byId] of Object.entries(tf[kind] ?? {})) {
        if (type === 'terraform_remote_state') continue; // cdktf's own cross-stack plumbing
        const c = classFor(type, kind === 'data');
        for (const [id, { depends_on: _d, lifecycle: _l, provider: _p, ...config }] of Object.entries(byId)) {
          lines.push(`new ${use(c)}(s, ${JSON.stringify(id)}, ${JSON.stringify(toConfig(config))});`);
          elements++;
        }
      }
    }
    for (const [id, o] of Object.entries(tf.output ?? {})) {
      lines.push(`new TerraformOutput(s, ${JSON.stringify(id)}, ${JSON.stringify({ value: o.value, sensitive: o.sensitive })});`);
    }
  }
  const head = [
    "'use strict';",
    `const { App, TerraformOutput, TerraformStack } = require(${JSON.stringify(require.resolve('cdktf', { paths: [repo] }))});`,
    ...[...modules].map(([p, v]) => `const ${v} = require(${JSON.stringify(p)});`),
    'const app = new App();',
    'let s;',
  ];
  fs.writeFileSync(file, [...head, ...lines, 'app.synth();', ''].join('\n'));
  return elements;
}

module.exports = { writePlainProgram };
