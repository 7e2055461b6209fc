export * from './app-config';
export * from './config.module';
export * from './logging.module';
export * from './secret-strength';
