import { IConstruct } from 'constructs';

/** The kinds of things a secret passes through, left to right. */
export type FlowNodeKind = 'ciIdentity' | 'serviceAccount' | 'vaultRole' | 'vaultPolicy' | 'vaultPath' | 'secret' | 'workload' | 'deployTarget';

/** One box of the secret-flow diagram. Nodes with the same kind and key are one box. */
export interface FlowNode {
  readonly kind: FlowNodeKind;
  /** Identity of the node within its kind (e.g. `cert-manager/cert-manager`). */
  readonly key: string;
  /** What the box says. */
  readonly label: string;
}

/** One arrow of the secret-flow diagram. */
export interface FlowEdge {
  readonly from: FlowNode;
  readonly to: FlowNode;
  readonly label?: string;
}

/**
 * Implemented by constructs that move a secret or a login: they describe their
 * part of the flow, and {@link renderSecretFlows} draws the whole picture.
 */
export interface ISecretFlowContributor {
  secretFlowEdges(): FlowEdge[];
}

/** Node constructors, so every contributor writes keys alike. */
export const FlowNodes = {
  serviceAccount: (namespace: string, name: string): FlowNode => ({ kind: 'serviceAccount', key: `${namespace}/${name}`, label: `SA ${namespace}/${name}` }),
  vaultRole: (mount: string, role: string): FlowNode => ({ kind: 'vaultRole', key: `${mount}/${role}`, label: `auth/${mount} role ${role}` }),
  vaultPath: (path: string): FlowNode => ({ kind: 'vaultPath', key: path, label: path }),
  secret: (namespace: string, name: string): FlowNode => ({ kind: 'secret', key: `${namespace}/${name}`, label: `Secret ${namespace}/${name}` }),
  /** A CI job identity: the provider, the repository and what else the role binds (`environment=production`). */
  ciIdentity: (provider: string, repository: string, where: string): FlowNode => ({
    kind: 'ciIdentity', key: `${provider}/${repository}/${where}`, label: `${provider} ${repository}${where ? ` ${where}` : ''}`,
  }),
  vaultPolicy: (name: string): FlowNode => ({ kind: 'vaultPolicy', key: name, label: `policy ${name}` }),
  /** What a pipeline may change with a policy (a summary of Vault paths, or Kubernetes rights). */
  deployTarget: (key: string, label: string): FlowNode => ({ kind: 'deployTarget', key, label }),
  workload: (kind: string, name: string, namespace?: string): FlowNode => ({
    kind: 'workload', key: `${kind}/${namespace ?? ''}/${name}`, label: `${kind} ${namespace ? `${namespace}/` : ''}${name}`,
  }),
};

function isContributor(c: IConstruct): c is IConstruct & ISecretFlowContributor {
  return typeof (c as Partial<ISecretFlowContributor>).secretFlowEdges === 'function';
}

/** Every edge contributed below `scope`, each once. */
export function collectSecretFlows(scope: IConstruct): FlowEdge[] {
  const seen = new Set<string>();
  const edges: FlowEdge[] = [];
  for (const c of scope.node.findAll()) {
    if (!isContributor(c)) continue;
    for (const e of c.secretFlowEdges()) {
      const id = `${e.from.kind}:${e.from.key}>${e.to.kind}:${e.to.key}`;
      if (!seen.has(id)) {
        seen.add(id);
        edges.push(e);
      }
    }
  }
  return edges;
}

const COLUMNS: Record<FlowNodeKind, string> = {
  ciIdentity: 'CI job identities',
  serviceAccount: 'Kubernetes ServiceAccounts',
  vaultRole: 'Vault auth roles',
  vaultPolicy: 'Vault policies (CI)',
  vaultPath: 'Vault paths',
  secret: 'Kubernetes Secrets',
  workload: 'Consumers',
  deployTarget: 'What CI may change',
};

/** Renders edges as a Mermaid flowchart, one column per node kind. */
export function renderSecretFlows(edges: readonly FlowEdge[]): string {
  const ids = new Map<string, string>();
  const nodes = new Map<FlowNodeKind, FlowNode[]>();
  const idOf = (n: FlowNode) => {
    const k = `${n.kind}:${n.key}`;
    if (!ids.has(k)) {
      ids.set(k, `${n.kind}${ids.size}`);
      nodes.set(n.kind, [...(nodes.get(n.kind) ?? []), n]);
    }
    return ids.get(k)!;
  };
  const arrows = edges.map((e) => `  ${idOf(e.from)} -->${e.label ? `|${escape(e.label)}|` : ''} ${idOf(e.to)}`);
  const lines = ['flowchart LR'];
  for (const kind of Object.keys(COLUMNS) as FlowNodeKind[]) {
    const members = nodes.get(kind);
    if (!members) continue;
    lines.push(`  subgraph ${kind}Column["${COLUMNS[kind]}"]`);
    for (const n of members) lines.push(`    ${ids.get(`${n.kind}:${n.key}`)}["${escape(n.label)}"]`);
    lines.push('  end');
  }
  return [...lines, ...arrows].join('\n') + '\n';
}

function escape(text: string): string {
  return text.replace(/"/g, '#quot;').replace(/\|/g, '#124;');
}
