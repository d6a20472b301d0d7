import { dig, helmValues, Rule } from '../rule';

const isVaultChart = (config: Record<string, any>) => config.chart === 'vault' || /\/vault$/.test(String(config.chart));

/** VP-HELM-1: the Vault chart in dev mode. */
export const vaultDevMode: Rule = {
  id: 'VP-HELM-1',
  level: 'error',
  summary: 'Vault runs in dev mode',
  why: 'Dev mode keeps everything in memory, starts unsealed with a known root token, and loses all data on restart.',
  appliesTo: ['helm_release'],
  check: ({ config }) => (isVaultChart(config) && helmValues(config).some((v) => dig(v, 'server', 'dev', 'enabled') === true)
    ? [`release '${config.name}' sets server.dev.enabled`] : []),
};

/** VP-HELM-2: the Vault chart without TLS on its listener. */
export const vaultChartTlsDisabled: Rule = {
  id: 'VP-HELM-2',
  level: 'warning',
  summary: 'Vault serves plain HTTP',
  why: 'The chart\'s default global.tlsDisable: true makes clients send tokens unencrypted; serve TLS and give clients the CA.',
  appliesTo: ['helm_release'],
  check: ({ config }) => {
    if (!isVaultChart(config)) return [];
    const values = helmValues(config);
    // The chart's own default is tlsDisable: true, so only an explicit false is TLS.
    const tlsDisabled = !values.some((v) => dig(v, 'global', 'tlsDisable') === false);
    return tlsDisabled ? [`release '${config.name}' leaves global.tlsDisable true`] : [];
  },
};
