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

/**
 * Every provider configuration, resource, data source and output of a synth
 * output, as `{ stack, declarations: [{ modulePath, cls, id, config }], outputs }`
 * (config in the provider classes' camelCase).
 */
function declarationsOf(stacksDir, { ordering = false } = {}) {
  const out = [];
  let elements = 0;
  for (const stack of fs.readdirSync(stacksDir).sort()) {
    const tf = JSON.parse(fs.readFileSync(path.join(stacksDir, stack, 'cdk.tf.json'), 'utf8'));
    const declarations = [];
    for (const [name, configs] of Object.entries(tf.provider ?? {})) {
      const provider = { modulePath: require.resolve(`@cdktf/provider-${name}/lib/provider`, { paths: [repo] }), cls: `${pascal(name)}Provider` };
      configs.forEach((c, i) => declarations.push({ ...provider, id: `${name}${i}`, config: toConfig(c) }));
    }
    for (const kind of ['resource', 'data']) {
      for (const [type, byId] of Object.entries(tf[kind] ?? {})) {
        if (type === 'terraform_remote_state') continue; // cdktf's own cross-stack plumbing
        const c = classFor(type, kind === 'data');
        for (const [id, { depends_on: dependsOn, lifecycle, provider: _p, ...config }] of Object.entries(byId)) {
          // With `ordering`, lifecycle goes in as config and depends_on as a literal override, so the
          // plain program writes the very same Terraform (cdktf's own dependsOn would need objects).
          if (!ordering) declarations.push({ ...c, id, config: toConfig(config) });
          else {
            // Where the element sits in the construct tree, below its stack (`team0001/Kv/Mount`).
            const scopes = config['//']?.metadata?.path?.split('/').slice(1);
            declarations.push({ ...c, id, config: toConfig(lifecycle ? { ...config, lifecycle } : config), ...(dependsOn ? { dependsOn } : {}), ...(scopes ? { scopes } : {}) });
          }
          elements++;
        }
      }
    }
    const outputs = Object.entries(tf.output ?? {}).map(([id, o]) => ({ id, value: o.value, sensitive: o.sensitive }));
    out.push({ stack, declarations, outputs });
  }
  return { stacks: out, elements };
}

/** Writes the program to `file`, every value a literal in it; returns how many resources and data sources it declares. */
function writePlainProgram(stacksDir, file) {
  const modules = new Map();
  const use = ({ modulePath, cls }) => {
    if (!modules.has(modulePath)) modules.set(modulePath, `m${modules.size}`);
    return `${modules.get(modulePath)}.${cls}`;
  };
  const lines = [];
  const { stacks, elements } = declarationsOf(stacksDir);
  for (const { stack, declarations, outputs } of stacks) {
    lines.push(`s = new TerraformStack(app, ${JSON.stringify(stack)});`);
    for (const d of declarations) lines.push(`new ${use(d)}(s, ${JSON.stringify(d.id)}, ${JSON.stringify(d.config)});`);
    for (const o of outputs) lines.push(`new TerraformOutput(s, ${JSON.stringify(o.id)}, ${JSON.stringify({ value: o.value, sensitive: o.sensitive })});`);
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

/**
 * The same program for thousands of resources: the literal values go to
 * `<file>.json` and a loop declares them, as a team would loop over its teams.
 * It writes the very same Terraform, `depends_on` and `lifecycle` included.
 * (V8 compiles a 5 MB top-level function of object literals slower than
 * cdktf synthesizes them, which would flatter any library measured beside it.)
 *
 * With `tree`, each element is declared where the synth output's metadata
 * says it was, below empty `Construct` scopes (`team0001/Kv/Mount`): the same
 * construct tree and the same addresses, so what the tree alone costs in
 * cdktf is measured apart from what the library's code costs.
 */
function writePlainDataProgram(stacksDir, file, { tree = false } = {}) {
  const { stacks, elements } = declarationsOf(stacksDir, { ordering: true });
  const modules = [...new Set(stacks.flatMap((s) => s.declarations.map((d) => d.modulePath)))];
  const data = stacks.map(({ stack, declarations, outputs }) => ({
    stack,
    declarations: declarations.map((d) => [modules.indexOf(d.modulePath), d.cls, tree && d.scopes ? d.scopes : [d.id], d.config, d.dependsOn]),
    outputs,
  }));
  fs.writeFileSync(`${file}.json`, JSON.stringify(data));
  fs.writeFileSync(file, [
    "'use strict';",
    `const { App, TerraformOutput, TerraformStack } = require(${JSON.stringify(require.resolve('cdktf', { paths: [repo] }))});`,
    `const modules = ${JSON.stringify(modules)}.map((m) => require(m));`,
    `const stacks = JSON.parse(require('node:fs').readFileSync(${JSON.stringify(`${file}.json`)}, 'utf8'));`,
    `const { Construct } = require(${JSON.stringify(require.resolve('constructs', { paths: [repo] }))});`,
    'const app = new App();',
    'for (const { stack, declarations, outputs } of stacks) {',
    '  const s = new TerraformStack(app, stack);',
    // The scopes made so far, by path below the stack (only with `tree`).
    '  const scopes = new Map();',
    // Each declaration is dropped once declared: the data must not outlive what a team's loop would hold.
    '  for (let i = 0; i < declarations.length; i++) {',
    '    const [m, cls, where, config, dependsOn] = declarations[i];',
    '    declarations[i] = undefined;',
    '    let scope = s;',
    '    for (let j = 0, key = ""; j < where.length - 1; j++) {',
    '      key += `/${where[j]}`;',
    '      let next = scopes.get(key);',
    '      if (!next) scopes.set(key, (next = new Construct(scope, where[j])));',
    '      scope = next;',
    '    }',
    '    const r = new modules[m][cls](scope, where[where.length - 1], config);',
    "    if (dependsOn) r.addOverride('depends_on', dependsOn);",
    '  }',
    '  for (const { id, value, sensitive } of outputs) new TerraformOutput(s, id, { value, sensitive });',
    '}',
    'app.synth();',
    '',
  ].join('\n'));
  return elements;
}

module.exports = { writePlainProgram, writePlainDataProgram };
