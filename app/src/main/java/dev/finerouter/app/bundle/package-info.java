/**
 * File → Export router bundle…: {@link dev.finerouter.app.bundle.ExportViewModel} writes the workspace's trained router
 * with the engine's {@link dev.finerouter.engine.bundle.BundleWriter} under the current routing policy, reads it back
 * with {@link dev.finerouter.engine.bundle.BundleReader} (every hash verified) and summarises it; the shell adds the
 * menu item. A workbench feature: it imports {@code common} and the engine, and only the shell imports it.
 */
package dev.finerouter.app.bundle;
