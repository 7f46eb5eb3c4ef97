import { createContext, useContext } from "react";

// The Content-Security-Policy nonce of this response (set by server.ts per request), handed from
// entry.server to the document's inline scripts. In the browser it is "" (browsers hide nonces
// from scripts; hydration does not need it).
export const NonceContext = createContext("");
export const useNonce = () => useContext(NonceContext);
