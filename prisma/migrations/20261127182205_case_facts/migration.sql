-- CreateTable
CREATE TABLE "CaseFact" (
    "caseId" TEXT NOT NULL,
    "route" "Route" NOT NULL,
    "localAreaId" TEXT NOT NULL,
    "settingId" TEXT NOT NULL,
    "settingKind" "SettingKind" NOT NULL,
    "ethnicity" TEXT NOT NULL,
    "sex" TEXT NOT NULL,
    "freeSchoolMeals" BOOLEAN NOT NULL,
    "deprivationDecile" INTEGER NOT NULL,
    "primaryNeed" TEXT NOT NULL,
    "ageBand" TEXT NOT NULL,
    "receivedOn" DATE NOT NULL,
    "status" TEXT NOT NULL,
    "highestRung" INTEGER NOT NULL,
    "concludedOn" DATE,
    "conclusion" TEXT,
    "rung2On" DATE,
    "rung3On" DATE,
    "decided1On" DATE,
    "decided2On" DATE,
    "decided3On" DATE,
    "upheld1" BOOLEAN,
    "upheld2" BOOLEAN,
    "upheld3" BOOLEAN,
    "ackDays1" INTEGER,
    "ackDays2" INTEGER,
    "ackDays3" INTEGER,
    "decideDays1" INTEGER,
    "decideDays2" INTEGER,
    "decideDays3" INTEGER,
    "breaches1" INTEGER NOT NULL DEFAULT 0,
    "breaches2" INTEGER NOT NULL DEFAULT 0,
    "breaches3" INTEGER NOT NULL DEFAULT 0,
    "extensions" INTEGER NOT NULL DEFAULT 0,
    "mediationOffered" BOOLEAN NOT NULL DEFAULT false,
    "mediationAgreed" BOOLEAN NOT NULL DEFAULT false,
    "remediesIssued" INTEGER NOT NULL DEFAULT 0,
    "remediesDone" INTEGER NOT NULL DEFAULT 0,
    "remediesFailed" INTEGER NOT NULL DEFAULT 0,
    "updatedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CaseFact_pkey" PRIMARY KEY ("caseId")
);

-- CreateIndex
CREATE INDEX "CaseFact_receivedOn_idx" ON "CaseFact"("receivedOn");

-- CreateIndex
CREATE INDEX "CaseFact_localAreaId_receivedOn_idx" ON "CaseFact"("localAreaId", "receivedOn");

-- CreateIndex
CREATE INDEX "CaseFact_settingId_idx" ON "CaseFact"("settingId");

