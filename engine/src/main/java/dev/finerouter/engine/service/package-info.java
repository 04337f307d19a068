/**
 * Routing as a service, without HTTP: {@link dev.finerouter.engine.service.RouterService} routes prompt texts with an
 * opened bundle and its encoder (thread-safe; concurrent small requests are micro-batched by the package-private
 * {@code MicroBatcher}), and {@link dev.finerouter.engine.service.EncoderResolver} opens the encoder a bundle's manifest
 * names and checks it is that encoder. The library API an embedding application calls; the HTTP server, the CLI and
 * the workbench's playground and replay build on it. Orchestration layer: it imports {@code bundle}, {@code embed},
 * {@code pipeline}, {@code route}, {@code stage} and the base, and never a face.
 */
package dev.finerouter.engine.service;
