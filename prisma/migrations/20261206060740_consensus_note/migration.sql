-- AlterTable
ALTER TABLE "ConsensusValue" ADD COLUMN     "note" TEXT;
