/**
 * The workbench's persisted settings and their dialog: {@link dev.finerouter.app.preferences.WorkbenchPreferences}
 * ({@code java.util.prefs}: LLM endpoint, cache folder, seed, recent datasets, window bounds), edited through {@link
 * dev.finerouter.app.preferences.PreferencesViewModel} and {@link dev.finerouter.app.preferences.PreferencesView}.
 * Beside {@code common} at the base of the app: it imports no other app package, and the launcher, the shell, the
 * pipeline runner and the playground read it.
 */
package dev.finerouter.app.preferences;
