import type { ActionFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { signOut } from "../utils/session.server";

export async function action({ request }: ActionFunctionArgs) {
  return signOut(request);
}

// Signing out changes state, so it is a POST; a GET (typed address, prefetch) just goes home.
export function loader() {
  return redirect("/");
}
