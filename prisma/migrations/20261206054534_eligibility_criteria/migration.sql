-- AlterTable
ALTER TABLE "Review" ADD COLUMN     "eligibilityCriteria" TEXT NOT NULL DEFAULT '';
