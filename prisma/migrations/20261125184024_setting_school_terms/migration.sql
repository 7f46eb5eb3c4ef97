-- AlterTable
ALTER TABLE "Setting" ADD COLUMN     "schoolTerms" JSONB;

