/**
 * The {@code finerouter} command line, a face over the engine: {@link dev.finerouter.engine.cli.FineRouterCli} (exit
 * codes 0, 1, 2) registers the picocli commands ({@code data}, {@code discover}, {@code train}, {@code eval}, {@code
 * bundle}, {@code report}, {@code route}, {@code serve}, {@code calibrate}, {@code replay}, {@code onboard}, {@code
 * bench}, {@code doctor}), package-private classes that parse options, call the engine and print its results; {@link
 * dev.finerouter.engine.cli.Doctor} holds the checks behind {@code finerouter doctor}. Top of the engine's layering: it
 * may import every package, including the other faces {@code serve} and {@code bench}, and no engine package imports
 * it. See docs/decisions/0004-cli-and-launcher.md.
 */
package dev.finerouter.engine.cli;
