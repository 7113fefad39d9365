/**
 * Per-site "fill automatically" is not offered yet: nothing is registered, so there is nothing
 * to remove when an account goes. Kept as the single place that will own those registrations
 * (scripting.registerContentScripts for that site only) when the opt-in lands.
 */
export async function unregisterAutoFill(_site: string): Promise<void> {
  // No registrations exist yet (see the note above).
}
