/**
 * The main window and the wiring of the features: {@link dev.finerouter.app.shell.Workbench} creates the shared {@link
 * dev.finerouter.app.common.Workspace}, one view model and one view per feature and the {@link
 * dev.finerouter.app.shell.ShellView} around them (menu, feature tabs, status bar); {@link
 * dev.finerouter.app.shell.ShellViewModel} opens datasets in the background, strictly or leniently. Below the launcher
 * and above the features: the only app package that imports every feature package.
 */
package dev.finerouter.app.shell;
