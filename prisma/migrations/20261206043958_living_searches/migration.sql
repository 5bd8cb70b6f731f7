-- CreateEnum
CREATE TYPE "SearchRunStatus" AS ENUM ('QUEUED', 'RUNNING', 'FAILED', 'DONE');

-- CreateTable
CREATE TABLE "SavedSearch" (
    "id" TEXT NOT NULL,
    "reviewId" TEXT NOT NULL,
    "service" TEXT NOT NULL,
    "query" TEXT NOT NULL,
    "dateField" TEXT NOT NULL DEFAULT '',
    "publicationTypes" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "since" DATE,
    "everyDays" INTEGER,
    "nextRunAt" TIMESTAMP(3),
    "archived" BOOLEAN NOT NULL DEFAULT false,
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SavedSearch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SearchRun" (
    "id" TEXT NOT NULL,
    "reviewId" TEXT NOT NULL,
    "savedSearchId" TEXT NOT NULL,
    "status" "SearchRunStatus" NOT NULL DEFAULT 'QUEUED',
    "trigger" TEXT NOT NULL,
    "requestedById" TEXT,
    "queuedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "startedAt" TIMESTAMP(3),
    "finishedAt" TIMESTAMP(3),
    "heartbeatAt" TIMESTAMP(3),
    "querySent" TEXT NOT NULL DEFAULT '',
    "windowFrom" DATE,
    "windowTo" DATE,
    "hits" INTEGER,
    "fetched" INTEGER NOT NULL DEFAULT 0,
    "resumeToken" TEXT,
    "imported" INTEGER,
    "newRecords" INTEGER,
    "duplicates" INTEGER,
    "warnings" JSONB NOT NULL DEFAULT '[]',
    "error" TEXT,
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "importId" TEXT,

    CONSTRAINT "SearchRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SearchRunRecord" (
    "runId" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "record" JSONB NOT NULL,

    CONSTRAINT "SearchRunRecord_pkey" PRIMARY KEY ("runId","key")
);

-- CreateIndex
CREATE INDEX "SavedSearch_reviewId_idx" ON "SavedSearch"("reviewId");

-- CreateIndex
CREATE INDEX "SavedSearch_nextRunAt_idx" ON "SavedSearch"("nextRunAt");

-- CreateIndex
CREATE UNIQUE INDEX "SearchRun_importId_key" ON "SearchRun"("importId");

-- CreateIndex
CREATE INDEX "SearchRun_reviewId_queuedAt_idx" ON "SearchRun"("reviewId", "queuedAt");

-- CreateIndex
CREATE INDEX "SearchRun_savedSearchId_queuedAt_idx" ON "SearchRun"("savedSearchId", "queuedAt");

-- AddForeignKey
ALTER TABLE "SavedSearch" ADD CONSTRAINT "SavedSearch_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SavedSearch" ADD CONSTRAINT "SavedSearch_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SearchRun" ADD CONSTRAINT "SearchRun_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SearchRun" ADD CONSTRAINT "SearchRun_savedSearchId_fkey" FOREIGN KEY ("savedSearchId") REFERENCES "SavedSearch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SearchRun" ADD CONSTRAINT "SearchRun_importId_fkey" FOREIGN KEY ("importId") REFERENCES "ImportBatch"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SearchRun" ADD CONSTRAINT "SearchRun_requestedById_fkey" FOREIGN KEY ("requestedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SearchRunRecord" ADD CONSTRAINT "SearchRunRecord_runId_fkey" FOREIGN KEY ("runId") REFERENCES "SearchRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- Written by the migration tool from append.sql: SQL that schema.prisma cannot express.
-- A saved search has at most one run waiting or running, whichever app instance queued it.
CREATE UNIQUE INDEX "SearchRun_one_active_per_search" ON "SearchRun" ("savedSearchId") WHERE status IN ('QUEUED', 'RUNNING');
