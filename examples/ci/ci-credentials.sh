#!/usr/bin/env bash
# Logs in to Vault with the GitHub Actions job's OIDC token and builds a
# kubeconfig from a ServiceAccount token Vault's Kubernetes secrets engine
# issues. Nothing here is stored: both tokens live for minutes, and
# revoke.sh ends them when the job ends.
#
# Usage: ci-credentials.sh <vault-role> <kubernetes-role> [ttl]
# Needs `permissions: id-token: write` and the variables VAULT_ADDR,
# VAULT_CA_PEM, KUBE_API_SERVER and KUBE_CA_PEM. Writes VAULT_TOKEN,
# VAULT_CACERT, KUBE_CONFIG_PATH and KUBE_LEASE_ID to $GITHUB_ENV for the
# later steps (the providers read them), each token masked in the log.
set -euo pipefail

vault_role="${1:?usage: ci-credentials.sh <vault-role> <kubernetes-role> [ttl]}"
kube_role="${2:?usage: ci-credentials.sh <vault-role> <kubernetes-role> [ttl]}"
ttl="${3:-10m}"
jwt_mount="${VAULT_JWT_MOUNT:-jwt}"
audience="${VAULT_AUDIENCE:-vault}"
kube_mount="${KUBE_SECRETS_MOUNT:-kubernetes}"
kube_namespace="${KUBE_NAMESPACE:-vault}"
dir="${RUNNER_TEMP:?not running on a GitHub Actions runner}"
: "${ACTIONS_ID_TOKEN_REQUEST_URL:?the job needs permissions: id-token: write (pull requests from forks get no token)}"
: "${VAULT_ADDR:?set the repository variable VAULT_ADDR}"

vault_ca="$dir/vault-ca.pem"
printf '%s\n' "${VAULT_CA_PEM:?set the repository variable VAULT_CA_PEM}" > "$vault_ca"

# The job's identity token, minted for Vault's audience only.
jwt="$(curl -sSf -H "Authorization: bearer $ACTIONS_ID_TOKEN_REQUEST_TOKEN" \
  "$ACTIONS_ID_TOKEN_REQUEST_URL&audience=$audience" | jq -r .value)"
echo "::add-mask::$jwt"

# vault write auth/jwt/login role=<role> jwt=<token>
login="$(jq -n --arg role "$vault_role" --arg jwt "$jwt" '{role: $role, jwt: $jwt}' \
  | curl -sSf --cacert "$vault_ca" -X POST --data @- "$VAULT_ADDR/v1/auth/$jwt_mount/login")"
vault_token="$(jq -r .auth.client_token <<<"$login")"
echo "::add-mask::$vault_token"

# vault write kubernetes/creds/<role> kubernetes_namespace=... cluster_role_binding=true ttl=...
creds="$(jq -n --arg ns "$kube_namespace" --arg ttl "$ttl" '{kubernetes_namespace: $ns, cluster_role_binding: true, ttl: $ttl}' \
  | curl -sSf --cacert "$vault_ca" -H "X-Vault-Token: $vault_token" -X POST --data @- "$VAULT_ADDR/v1/$kube_mount/creds/$kube_role")"
sa_token="$(jq -r .data.service_account_token <<<"$creds")"
echo "::add-mask::$sa_token"

kubeconfig="$dir/kubeconfig"
printf '%s\n' "${KUBE_CA_PEM:?set the repository variable KUBE_CA_PEM}" > "$dir/kube-ca.pem"
kubectl config --kubeconfig="$kubeconfig" set-cluster platform --server="${KUBE_API_SERVER:?set the repository variable KUBE_API_SERVER}" \
  --certificate-authority="$dir/kube-ca.pem" --embed-certs=true >/dev/null
kubectl config --kubeconfig="$kubeconfig" set-credentials ci --token="$sa_token" >/dev/null
kubectl config --kubeconfig="$kubeconfig" set-context platform --cluster=platform --user=ci >/dev/null
kubectl config --kubeconfig="$kubeconfig" use-context platform >/dev/null
chmod 600 "$kubeconfig"

{
  echo "VAULT_TOKEN=$vault_token"
  echo "VAULT_CACERT=$vault_ca"
  echo "KUBE_CONFIG_PATH=$kubeconfig"
  echo "KUBE_LEASE_ID=$(jq -r .lease_id <<<"$creds")"
} >> "${GITHUB_ENV:?}"
echo "logged in to Vault as role $vault_role; Kubernetes token of role $kube_role for $ttl"
