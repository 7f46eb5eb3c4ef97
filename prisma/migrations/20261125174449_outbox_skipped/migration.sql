-- AlterEnum
ALTER TYPE "OutboxStatus" ADD VALUE 'skipped';

