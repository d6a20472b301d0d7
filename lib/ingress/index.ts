// Ingress: ApisixTls serves a cert-manager Certificate on the APISIX ingress.
export { ApisixTls } from './apisix-tls';
export type { ApisixTlsProps } from './apisix-tls';
