/**
 * The launcher of the workbench, the one face of FineRouter with a window (the engine's {@code cli}, {@code serve} and
 * {@code bench} are the headless ones): {@link dev.finerouter.app.Main} runs the engine's {@link
 * dev.finerouter.engine.cli.FineRouterCli} when given arguments, without loading a JavaFX class, and otherwise starts
 * {@link dev.finerouter.app.WorkbenchApp}, which builds the {@link dev.finerouter.app.shell.Workbench}. Top of the app:
 * it imports {@code shell}, {@code common} and {@code preferences}, and no app package imports it. See
 * docs/workbench.md.
 */
package dev.finerouter.app;
