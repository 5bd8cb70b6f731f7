-- CreateTable
CREATE TABLE "AuthSession" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "revokedAt" TIMESTAMP(3),

    CONSTRAINT "AuthSession_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AuthSession_userId_idx" ON "AuthSession"("userId");

-- AddForeignKey
ALTER TABLE "AuthSession" ADD CONSTRAINT "AuthSession_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Written by the migration tool from imported-people.sql: SQL that schema.prisma cannot express.
-- People named in an imported backup were matched to accounts by email, and an account without a
-- password was taken over by whoever signed up with its email. Emails are not verified, so neither
-- may stand for a person any more: such accounts get an address no one can sign up with, and keep
-- their name on the work they carried.
UPDATE "User" SET email = 'imported-' || id || '@backup.invalid' WHERE "passwordHash" = '';
