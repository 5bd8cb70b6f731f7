-- AlterTable
ALTER TABLE "Review" ADD COLUMN     "citeAs" TEXT NOT NULL DEFAULT '';
