// The renderers (MJML, Chart.js, Skia) are not exported: they run on MailRenderer's thread, and
// loading them into a process that only sends mails held about 57 MiB for nothing.
export * from './alert-mailer.service';
export * from './digest-builder.service';
export * from './digest-composer';
export * from './digest-model';
export * from './digest-planner.service';
export * from './digest-week';
export * from './digest.module';
export * from './mail-composer.service';
export * from './mail-dispatcher.service';
export * from './mail-renderer.service';
export * from './mail-transport';
export * from './opt-out-token';
