// The mail ledger (digests and alert mails, at most once each) and users' mail preferences.
export * from './mail-db.module';
export * from './mail-ledger.repository';
export * from './mail-preference.repository';
