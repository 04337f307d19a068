/**
 * Router bundles, the unit a trained router ships in (a folder or a {@code .frb} zip): {@link
 * dev.finerouter.engine.bundle.BundleWriter} writes one atomically with a {@link
 * dev.finerouter.engine.bundle.BundleManifest} of settings, provenance and SHA-256 checksums; {@link
 * dev.finerouter.engine.bundle.BundleReader} verifies ({@link dev.finerouter.engine.bundle.BundleVerifier}) and opens
 * it as a {@link dev.finerouter.engine.bundle.RouterBundle}; {@link dev.finerouter.engine.bundle.BundleDiff} compares
 * two. Orchestration layer: it imports {@code pipeline} (settings and the training result), the stages {@code route},
 * {@code train} and {@code cluster}, and the base. See docs/bundle-format.md and
 * docs/decisions/0008-bundle-and-server.md.
 */
package dev.finerouter.engine.bundle;
