/**
 * The engine's root types: {@link dev.finerouter.engine.EngineException}, the one checked exception (a problem the
 * user can fix, whose message the CLI and the workbench show as is), {@link dev.finerouter.engine.EngineVersion},
 * the version stamped by the build and recorded in every output and bundle, and {@link
 * dev.finerouter.engine.ProcessMemory}, the resident memory the benchmarks report. The bottom of the engine's layering (base →
 * stages → orchestration → faces): it imports no other engine package, and every layer may import it. See
 * docs/decisions/0001-module-layout.md.
 */
package dev.finerouter.engine;
