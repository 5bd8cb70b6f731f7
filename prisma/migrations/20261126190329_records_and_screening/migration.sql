-- CreateEnum
CREATE TYPE "ScreeningStage" AS ENUM ('TITLE_ABSTRACT', 'FULL_TEXT');

-- CreateEnum
CREATE TYPE "VoteDecision" AS ENUM ('INCLUDE', 'EXCLUDE', 'MAYBE');

-- CreateEnum
CREATE TYPE "ItemStatus" AS ENUM ('OPEN', 'CONFLICT', 'INCLUDED', 'EXCLUDED');

-- CreateEnum
CREATE TYPE "Resolution" AS ENUM ('AGREEMENT', 'LEAD');

-- CreateEnum
CREATE TYPE "DuplicateStatus" AS ENUM ('AUTO', 'PENDING', 'CONFIRMED', 'SEPARATED');

-- AlterTable
ALTER TABLE "Review" ADD COLUMN     "exclusionKeywords" TEXT[] DEFAULT ARRAY[]::TEXT[],
ADD COLUMN     "inclusionKeywords" TEXT[] DEFAULT ARRAY[]::TEXT[];

-- CreateTable
CREATE TABLE "ImportBatch" (
    "id" TEXT NOT NULL,
    "reviewId" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "sourceKind" TEXT NOT NULL DEFAULT 'database',
    "searchDate" DATE NOT NULL,
    "searchQuery" TEXT,
    "fileName" TEXT NOT NULL,
    "format" TEXT NOT NULL,
    "recordCount" INTEGER NOT NULL,
    "warnings" JSONB NOT NULL DEFAULT '[]',
    "createdById" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ImportBatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SearchRecord" (
    "id" TEXT NOT NULL,
    "reviewId" TEXT NOT NULL,
    "importId" TEXT NOT NULL,
    "sourceLine" INTEGER NOT NULL,
    "title" TEXT NOT NULL,
    "authors" TEXT[],
    "year" INTEGER,
    "journal" TEXT NOT NULL DEFAULT '',
    "volume" TEXT NOT NULL DEFAULT '',
    "issue" TEXT NOT NULL DEFAULT '',
    "pages" TEXT NOT NULL DEFAULT '',
    "doi" TEXT NOT NULL DEFAULT '',
    "pmid" TEXT NOT NULL DEFAULT '',
    "abstract" TEXT NOT NULL DEFAULT '',
    "keywords" TEXT[],
    "url" TEXT NOT NULL DEFAULT '',
    "publicationType" TEXT NOT NULL DEFAULT '',
    "language" TEXT NOT NULL DEFAULT '',
    "issn" TEXT NOT NULL DEFAULT '',
    "sourceId" TEXT NOT NULL DEFAULT '',
    "duplicateGroupId" TEXT,
    "notRetrieved" BOOLEAN NOT NULL DEFAULT false,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SearchRecord_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DuplicateGroup" (
    "id" TEXT NOT NULL,
    "reviewId" TEXT NOT NULL,
    "primaryRecordId" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "status" "DuplicateStatus" NOT NULL,
    "similarity" DOUBLE PRECISION NOT NULL,
    "resolvedById" TEXT,
    "resolvedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "DuplicateGroup_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScreeningItem" (
    "id" TEXT NOT NULL,
    "reviewId" TEXT NOT NULL,
    "recordId" TEXT NOT NULL,
    "stage" "ScreeningStage" NOT NULL,
    "status" "ItemStatus" NOT NULL DEFAULT 'OPEN',
    "voteCount" INTEGER NOT NULL DEFAULT 0,
    "relevance" DOUBLE PRECISION NOT NULL DEFAULT 0,
    "firstVoteAt" TIMESTAMP(3),
    "resolution" "Resolution",
    "resolvedById" TEXT,
    "resolvedAt" TIMESTAMP(3),
    "decisionNote" TEXT,
    "exclusionReasonId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ScreeningItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ScreeningClaim" (
    "itemId" TEXT NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ScreeningClaim_pkey" PRIMARY KEY ("itemId","reviewerId")
);

-- CreateTable
CREATE TABLE "Vote" (
    "id" TEXT NOT NULL,
    "itemId" TEXT NOT NULL,
    "reviewerId" TEXT NOT NULL,
    "decision" "VoteDecision" NOT NULL,
    "exclusionReasonId" TEXT,
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Vote_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ExclusionReason" (
    "id" TEXT NOT NULL,
    "reviewId" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "position" INTEGER NOT NULL,
    "active" BOOLEAN NOT NULL DEFAULT true,

    CONSTRAINT "ExclusionReason_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "FullText" (
    "id" TEXT NOT NULL,
    "recordId" TEXT NOT NULL,
    "fileName" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "data" BYTEA NOT NULL,
    "uploadedById" TEXT NOT NULL,
    "uploadedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FullText_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RankingRun" (
    "id" TEXT NOT NULL,
    "reviewId" TEXT NOT NULL,
    "model" TEXT NOT NULL,
    "labelled" INTEGER NOT NULL,
    "relevantLabelled" INTEGER NOT NULL,
    "scored" INTEGER NOT NULL,
    "durationMs" INTEGER NOT NULL,
    "estimatedRemaining" DOUBLE PRECISION,
    "stopping" JSONB,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "RankingRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ImportBatch_reviewId_idx" ON "ImportBatch"("reviewId");

-- CreateIndex
CREATE INDEX "SearchRecord_reviewId_idx" ON "SearchRecord"("reviewId");

-- CreateIndex
CREATE INDEX "SearchRecord_reviewId_doi_idx" ON "SearchRecord"("reviewId", "doi");

-- CreateIndex
CREATE INDEX "SearchRecord_reviewId_pmid_idx" ON "SearchRecord"("reviewId", "pmid");

-- CreateIndex
CREATE INDEX "SearchRecord_importId_idx" ON "SearchRecord"("importId");

-- CreateIndex
CREATE INDEX "DuplicateGroup_reviewId_status_idx" ON "DuplicateGroup"("reviewId", "status");

-- CreateIndex
CREATE INDEX "DuplicateGroup_primaryRecordId_idx" ON "DuplicateGroup"("primaryRecordId");

-- CreateIndex
CREATE INDEX "ScreeningItem_reviewId_stage_status_relevance_createdAt_id_idx" ON "ScreeningItem"("reviewId", "stage", "status", "relevance" DESC, "createdAt", "id");

-- CreateIndex
CREATE UNIQUE INDEX "ScreeningItem_recordId_stage_key" ON "ScreeningItem"("recordId", "stage");

-- CreateIndex
CREATE INDEX "ScreeningClaim_reviewerId_idx" ON "ScreeningClaim"("reviewerId");

-- CreateIndex
CREATE INDEX "Vote_reviewerId_idx" ON "Vote"("reviewerId");

-- CreateIndex
CREATE UNIQUE INDEX "Vote_itemId_reviewerId_key" ON "Vote"("itemId", "reviewerId");

-- CreateIndex
CREATE UNIQUE INDEX "ExclusionReason_reviewId_label_key" ON "ExclusionReason"("reviewId", "label");

-- CreateIndex
CREATE INDEX "FullText_recordId_idx" ON "FullText"("recordId");

-- CreateIndex
CREATE INDEX "RankingRun_reviewId_createdAt_idx" ON "RankingRun"("reviewId", "createdAt");

-- AddForeignKey
ALTER TABLE "ImportBatch" ADD CONSTRAINT "ImportBatch_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ImportBatch" ADD CONSTRAINT "ImportBatch_createdById_fkey" FOREIGN KEY ("createdById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SearchRecord" ADD CONSTRAINT "SearchRecord_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SearchRecord" ADD CONSTRAINT "SearchRecord_importId_fkey" FOREIGN KEY ("importId") REFERENCES "ImportBatch"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "SearchRecord" ADD CONSTRAINT "SearchRecord_duplicateGroupId_fkey" FOREIGN KEY ("duplicateGroupId") REFERENCES "DuplicateGroup"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DuplicateGroup" ADD CONSTRAINT "DuplicateGroup_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DuplicateGroup" ADD CONSTRAINT "DuplicateGroup_primaryRecordId_fkey" FOREIGN KEY ("primaryRecordId") REFERENCES "SearchRecord"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DuplicateGroup" ADD CONSTRAINT "DuplicateGroup_resolvedById_fkey" FOREIGN KEY ("resolvedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScreeningItem" ADD CONSTRAINT "ScreeningItem_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScreeningItem" ADD CONSTRAINT "ScreeningItem_recordId_fkey" FOREIGN KEY ("recordId") REFERENCES "SearchRecord"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScreeningItem" ADD CONSTRAINT "ScreeningItem_resolvedById_fkey" FOREIGN KEY ("resolvedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScreeningItem" ADD CONSTRAINT "ScreeningItem_exclusionReasonId_fkey" FOREIGN KEY ("exclusionReasonId") REFERENCES "ExclusionReason"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScreeningClaim" ADD CONSTRAINT "ScreeningClaim_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "ScreeningItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ScreeningClaim" ADD CONSTRAINT "ScreeningClaim_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Vote" ADD CONSTRAINT "Vote_itemId_fkey" FOREIGN KEY ("itemId") REFERENCES "ScreeningItem"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Vote" ADD CONSTRAINT "Vote_reviewerId_fkey" FOREIGN KEY ("reviewerId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Vote" ADD CONSTRAINT "Vote_exclusionReasonId_fkey" FOREIGN KEY ("exclusionReasonId") REFERENCES "ExclusionReason"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ExclusionReason" ADD CONSTRAINT "ExclusionReason_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FullText" ADD CONSTRAINT "FullText_recordId_fkey" FOREIGN KEY ("recordId") REFERENCES "SearchRecord"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FullText" ADD CONSTRAINT "FullText_uploadedById_fkey" FOREIGN KEY ("uploadedById") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "RankingRun" ADD CONSTRAINT "RankingRun_reviewId_fkey" FOREIGN KEY ("reviewId") REFERENCES "Review"("id") ON DELETE CASCADE ON UPDATE CASCADE;
