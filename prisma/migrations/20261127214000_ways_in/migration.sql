-- AlterTable
ALTER TABLE "User" ADD COLUMN     "emailVerifiedAt" TIMESTAMP(3) DEFAULT CURRENT_TIMESTAMP;

-- AlterTable
ALTER TABLE "Guardianship" ADD COLUMN     "linkedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- AlterTable
ALTER TABLE "Concern" ADD COLUMN     "loggedById" TEXT,
ADD COLUMN     "receivedVia" TEXT NOT NULL DEFAULT 'online';

-- CreateTable
CREATE TABLE "AccountToken" (
    "id" TEXT NOT NULL,
    "userId" TEXT NOT NULL,
    "purpose" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "expiresAt" TIMESTAMP(3) NOT NULL,
    "usedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AccountToken_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "LinkRequest" (
    "id" TEXT NOT NULL,
    "requesterId" TEXT NOT NULL,
    "childGivenName" TEXT NOT NULL,
    "childFamilyName" TEXT NOT NULL,
    "childDateOfBirth" DATE NOT NULL,
    "settingId" TEXT NOT NULL,
    "relationship" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "childId" TEXT,
    "decidedById" TEXT,
    "decidedAt" TIMESTAMP(3),
    "reason" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "LinkRequest_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Representation" (
    "id" TEXT NOT NULL,
    "childId" TEXT NOT NULL,
    "grantedById" TEXT NOT NULL,
    "representativeId" TEXT NOT NULL,
    "actOnConcerns" BOOLEAN NOT NULL,
    "receiveLetters" BOOLEAN NOT NULL,
    "validUntil" DATE,
    "consentText" TEXT NOT NULL,
    "consentedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "withdrawnAt" TIMESTAMP(3),
    "withdrawnById" TEXT,

    CONSTRAINT "Representation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ConcernView" (
    "id" TEXT NOT NULL,
    "concernId" TEXT NOT NULL,
    "authorId" TEXT NOT NULL,
    "recordedFor" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConcernView_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "AccountToken_tokenHash_key" ON "AccountToken"("tokenHash");

-- CreateIndex
CREATE INDEX "AccountToken_userId_purpose_idx" ON "AccountToken"("userId", "purpose");

-- CreateIndex
CREATE INDEX "LinkRequest_settingId_status_idx" ON "LinkRequest"("settingId", "status");

-- CreateIndex
CREATE INDEX "LinkRequest_requesterId_idx" ON "LinkRequest"("requesterId");

-- CreateIndex
CREATE INDEX "Representation_representativeId_idx" ON "Representation"("representativeId");

-- CreateIndex
CREATE INDEX "Representation_childId_idx" ON "Representation"("childId");

-- CreateIndex
CREATE INDEX "ConcernView_concernId_idx" ON "ConcernView"("concernId");

-- AddForeignKey
ALTER TABLE "ConcernView" ADD CONSTRAINT "ConcernView_concernId_fkey" FOREIGN KEY ("concernId") REFERENCES "Concern"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- AddForeignKey
ALTER TABLE "Representation" ADD CONSTRAINT "Representation_childId_fkey" FOREIGN KEY ("childId") REFERENCES "Child"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Representation" ADD CONSTRAINT "Representation_representativeId_fkey" FOREIGN KEY ("representativeId") REFERENCES "User"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- Links made before this migration date from when the child was registered, not from today.
UPDATE "Guardianship" g SET "linkedAt" = c."createdAt" FROM "Child" c WHERE c.id = g."childId";
