#!/usr/bin/env bash
# Ends the job's Kubernetes ServiceAccount token (its Vault lease: Vault
# deletes the ServiceAccount) and the job's Vault token, whatever the job's
# outcome. Both would expire within minutes anyway.
set -uo pipefail
[ -n "${VAULT_TOKEN:-}" ] || exit 0
if [ -n "${KUBE_LEASE_ID:-}" ]; then
  jq -n --arg id "$KUBE_LEASE_ID" '{lease_id: $id}' \
    | curl -sS --cacert "$VAULT_CACERT" -H "X-Vault-Token: $VAULT_TOKEN" -X PUT --data @- "$VAULT_ADDR/v1/sys/leases/revoke" >/dev/null || true
fi
# Revoking the token also revokes every lease it created.
curl -sS --cacert "$VAULT_CACERT" -H "X-Vault-Token: $VAULT_TOKEN" -X POST "$VAULT_ADDR/v1/auth/token/revoke-self" >/dev/null || true
rm -f "${KUBE_CONFIG_PATH:-/nonexistent}"
