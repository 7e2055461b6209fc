-- Only tickets with a pending deadline are indexed by it: the live breach check looks for deadlines
-- in a range, and a ticket answered or resolved (most of them) has none. A projection update of a
-- resolved ticket then writes two index entries instead of four. Prisma's schema cannot say WHERE,
-- so the schema keeps the plain @@index under the same names (migrations here are diffed from the
-- schema files, never from a database, so nothing reverts this).
DROP INDEX "Ticket_firstResponseDueAt_idx";
CREATE INDEX "Ticket_firstResponseDueAt_idx" ON "Ticket"("firstResponseDueAt") WHERE "firstResponseDueAt" IS NOT NULL;

DROP INDEX "Ticket_resolutionDueAt_idx";
CREATE INDEX "Ticket_resolutionDueAt_idx" ON "Ticket"("resolutionDueAt") WHERE "resolutionDueAt" IS NOT NULL;
