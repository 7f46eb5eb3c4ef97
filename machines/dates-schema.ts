import { z } from "zod";
import { isIsoDate, isIsoDateOrDateTime } from "./iso-date";

export const isoDateSchema = z.string().refine(isIsoDate, { message: "must be an ISO date YYYY-MM-DD" });

export const atSchema = z.string().refine(isIsoDateOrDateTime, { message: "must be an ISO date (YYYY-MM-DD) or datetime (YYYY-MM-DDThh:mm[:ss][Z|±hh:mm])" });
