/**
 * The {@code finerouter} command line (cli module), a face over the engine library: {@link
 * dev.finerouter.cli.FineRouterCli} (exit codes 0, 1, 2) registers the picocli commands ({@code data}, {@code
 * discover}, {@code train}, {@code eval}, {@code bundle}, {@code report}, {@code route}, {@code serve}, {@code
 * calibrate}, {@code replay}, {@code onboard}, {@code bench}, {@code doctor}), package-private classes that parse
 * options, call the engine and print its results; {@link dev.finerouter.cli.Doctor} holds the checks behind {@code
 * finerouter doctor}. Charts are drawn by calling the report module directly. Top of the layering: it may import every
 * engine package, the report module and the other headless faces {@code cli.serve} and {@code cli.bench}; the engine
 * imports none of them. See docs/decisions/0004-cli-and-launcher.md and 0018-cli-module.md.
 */
package dev.finerouter.cli;
