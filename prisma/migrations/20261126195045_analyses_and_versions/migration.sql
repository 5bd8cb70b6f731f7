-- CreateTable
CREATE TABLE "Analysis" (
    "id" TEXT NOT NULL,
    "reviewId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "spec" JSONB NOT NULL,
    "position" INTEGER NOT NULL DEFAULT 0,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Analysis_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReviewVersion" (
    "id" TEXT NOT NULL,
    "reviewId" TEXT NOT NULL,
    "number" INTEGER NOT NULL,
    "notes" TEXT NOT NULL,
    "nextSearchDate" DATE,
    "snapshot" JSONB NOT NULL,
    "publishedById" TEXT NOT NULL,
    "publishedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReviewVersion_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Analysis_reviewId_idx" ON "Analysis"("reviewId");

-- CreateIndex
CREATE UNIQUE INDEX "ReviewVersion_reviewId_number_key" ON "ReviewVersion"("reviewId", "number");

-- AddForeignKey
ALTER TABLE "Analysis" ADD CONSTRAINT "Analysis_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Analysis" ADD CONSTRAINT "Analysis_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewVersion" ADD CONSTRAINT "ReviewVersion_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReviewVersion" ADD CONSTRAINT "ReviewVersion_publishedById_fkey" FOREIGN KEY ("publishedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Written by the migration tool from versions-immutable.sql: SQL that schema.prisma cannot express.
-- A published version of a review is immutable: the database refuses to change or remove it.
CREATE TRIGGER "ReviewVersion_immutable" BEFORE UPDATE OR DELETE ON "ReviewVersion" FOR EACH ROW EXECUTE FUNCTION ferrite_refuse_change();
CREATE TRIGGER "ReviewVersion_no_truncate" BEFORE TRUNCATE ON "ReviewVersion" FOR EACH STATEMENT EXECUTE FUNCTION ferrite_refuse_change();
