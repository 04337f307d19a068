package dev.finerouter.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/**
 * A command that only groups subcommands ({@code data}, {@code bundle}, {@code bench}, {@code report}): run bare, it
 * prints its usage with the list of subcommands and exits 0, as {@code --help} does, instead of "Missing required
 * subcommand".
 */
abstract class GroupCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        spec.commandLine().getOut().flush();
        return FineRouterCli.OK;
    }
}
