-- Rows left behind by deletes before these keys existed refer to nothing: drop them first.
DELETE FROM "ConnectorSource" s WHERE NOT EXISTS (SELECT 1 FROM "Contract" c WHERE c."id" = s."contractId");
DELETE FROM "VendorAccount" a WHERE NOT EXISTS (SELECT 1 FROM "Vendor" v WHERE v."id" = a."vendorId");
DELETE FROM "RefreshToken" t WHERE NOT EXISTS (SELECT 1 FROM "User" u WHERE u."id" = t."userId");

-- AddForeignKey
ALTER TABLE "ConnectorSource" ADD CONSTRAINT "ConnectorSource_contractId_fkey" FOREIGN KEY ("contractId") REFERENCES "Contract"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "VendorAccount" ADD CONSTRAINT "VendorAccount_vendorId_fkey" FOREIGN KEY ("vendorId") REFERENCES "Vendor"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RefreshToken" ADD CONSTRAINT "RefreshToken_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
