/**
 * What the workbench's features share: the {@link dev.finerouter.app.common.Workspace} (open dataset, discovery result,
 * selected task, trained router or opened {@link dev.finerouter.app.common.OpenBundle}), {@link
 * dev.finerouter.app.common.BackgroundTask} (the one type of every view model's long work: progress, message, running
 * and cancel bound to the engine's stage contract; outcome back on the FX thread) with the executors it runs on,
 * {@link dev.finerouter.app.common.BackgroundTasks} (engine work off the FX thread), the one {@link
 * dev.finerouter.app.common.SharedEncoder}, and small UI helpers ({@link dev.finerouter.app.common.Dialogs}, {@link
 * dev.finerouter.app.common.SaveDialog}, {@link dev.finerouter.app.common.Format}, {@link
 * dev.finerouter.app.common.Look}, {@link dev.finerouter.app.common.Tables}). The base of the app: it imports the
 * engine but no other app package.
 */
package dev.finerouter.app.common;
