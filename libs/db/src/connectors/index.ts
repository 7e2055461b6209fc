// Repositories of the connector mapping rules, vendor accounts and webhook secrets.
export {};
