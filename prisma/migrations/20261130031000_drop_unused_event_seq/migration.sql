-- `seq` was never read: its sequence and unique index cost every stored event a nextval and an index entry.
-- DropIndex
DROP INDEX "StoredEvent_seq_key";

-- AlterTable
ALTER TABLE "StoredEvent" DROP COLUMN "seq";
