export * from './operator-chart';
