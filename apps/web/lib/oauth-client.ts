/**
 * Who vouches for an app identified by a Client ID Metadata Document: its client_id is the https
 * URL the server read the app's name from, so that URL's host is what the user can check. Null
 * for a registered app (an opaque client_id). The host is shown as the URL parser writes it
 * (internationalised names in punycode), so a look-alike name does not pass for another.
 */
export function metadataDocumentHost(clientId: string | null | undefined): string | null {
  if (!clientId) return null;
  try {
    const url = new URL(clientId);
    return url.protocol === 'https:' ? url.host : null;
  } catch {
    return null;
  }
}
