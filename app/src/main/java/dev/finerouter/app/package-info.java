/**
 * The launcher of the workbench, the one face of FineRouter with a window (the cli module's command line, server and
 * benchmarks are the headless ones): {@link dev.finerouter.app.Main} runs the cli module's {@link
 * dev.finerouter.cli.FineRouterCli} when given arguments, without loading a JavaFX class, and otherwise starts
 * {@link dev.finerouter.app.WorkbenchApp}, which builds the {@link dev.finerouter.app.shell.Workbench}. Top of the app:
 * it imports {@code shell}, {@code common} and {@code preferences}, and no app package imports it. See
 * docs/workbench.md.
 */
package dev.finerouter.app;
