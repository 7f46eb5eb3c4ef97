-- CreateTable
CREATE TABLE "ConcernDraft" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "answers" JSONB NOT NULL,
    "concernRef" TEXT,
    "sendingAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ConcernDraft_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ConcernDraft_userId_idx" ON "ConcernDraft"("userId");

-- AddForeignKey
ALTER TABLE "ConcernDraft" ADD CONSTRAINT "ConcernDraft_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;
