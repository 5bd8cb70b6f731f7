-- AlterTable
ALTER TABLE "Review" ADD COLUMN     "reviewType" TEXT NOT NULL DEFAULT 'diagnostic_accuracy';
