export * from './apisix-tls';
